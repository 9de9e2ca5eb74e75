// src/messages.ts without a browser or a stack: the code-to-sentence table speaks the catalogue's names
// (shared-contracts ErrorCode; the Maven test ErrorCodeCatalogueTest checks that every code a dashboard user can meet
// has a sentence here), and the renamed codes of issue 13 are explained under their new names only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { DASHBOARD_DIR } from './helpers.mjs';

const source = readFileSync(path.join(DASHBOARD_DIR, 'src/messages.ts'), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const m = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);

test('renamed codes are explained under their catalogue names, and the old names are gone', () => {
  const renamed = {
    KEY_MISSING: 'ENCRYPTION_KEY_MISSING',
    SECRET_UNREADABLE: 'SMTP_PASSWORD_UNREADABLE',
    STORED_PASSWORD_UNREADABLE: 'SMTP_PASSWORD_UNREADABLE',
    OWNER_ONLY: 'OWNER_REQUIRED',
    UNKNOWN_FIELD: 'FIELD_UNKNOWN',
    INVALID_LIMIT: 'LIMIT_INVALID',
    EXPIRED: 'MAIL_EXPIRED',
  };
  for (const [old, now] of Object.entries(renamed)) {
    assert.equal(m.explainCode(old), null, `${old} is no code any more`);
    assert.ok(m.explainCode(now)?.sentence, `${now} has a sentence`);
  }
});

test('a mail result code reads as a sentence with what to check', () => {
  const e = m.explainCode('ADDRESS_INVALID');
  assert.match(e.sentence, /not a valid address/);
  assert.match(e.check, /sender and Reply-To/);
  assert.equal(m.explainCode('NOT_CONFIGURED'), null, 'a mail status is no error code (statuses.ts labels it)');
});

test('a banner never shows a bare code: known codes get our sentence, unknown ones the server’s detail', () => {
  assert.deepEqual(m.describeProblem({ status: 409, code: 'MEMBER_IS_OWNER', detail: 'This user owns the project.' }), {
    sentence: 'This user already owns the project.',
    check: undefined,
    detail: 'This user owns the project.',
  });
  assert.deepEqual(m.describeProblem({ status: 422, code: 'SOMETHING_NEW', detail: 'The server says why.' }), { sentence: 'The server says why.' });
  assert.equal(m.describeProblem({ status: 413, code: 'REQUEST_TOO_LARGE' }).sentence, 'What was sent is larger than Mailoo accepts.');
});
