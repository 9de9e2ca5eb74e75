// Accessible form fields: a real <label for>, a hint and an error message tied to the input with
// aria-describedby, aria-invalid on error, and focus moved to the first field in error.

import type { FieldError, Problem } from './api';
import { h, replace, uid, type Child } from './dom';
import { describeProblem } from './messages';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'email' | 'password' | 'url' | 'select' | 'textarea' | 'datetime-local';
  value?: string | number | null;
  hint?: Child;
  required?: boolean;
  options?: { value: string; label: string }[];
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
  rows?: number;
  maxlength?: number;
}

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Field {
  spec: FieldSpec;
  input: Input;
  error: HTMLElement;
  hint: HTMLElement;
  wrap: HTMLElement;
}

export class Form {
  readonly el: HTMLFormElement;
  readonly banner: HTMLElement;
  private fields = new Map<string, Field>();

  constructor(attrs: Record<string, string> = {}) {
    this.banner = h('div', { class: 'banner-slot' });
    this.el = h('form', { novalidate: true, ...attrs }, this.banner);
  }

  field(spec: FieldSpec): HTMLElement {
    const id = uid(`f-${spec.name.replace(/[^A-Za-z0-9]/g, '-')}`);
    const hintId = `${id}-hint`;
    const errId = `${id}-error`;
    let input: Input;
    const common = { id, name: spec.name, 'aria-describedby': `${hintId} ${errId}`, required: spec.required };
    if (spec.type === 'select') {
      input = h(
        'select',
        common,
        (spec.options ?? []).map((o) => h('option', { value: o.value, selected: String(spec.value ?? '') === o.value }, o.label)),
      );
    } else if (spec.type === 'textarea') {
      input = h('textarea', { ...common, rows: spec.rows ?? 4, maxlength: spec.maxlength, placeholder: spec.placeholder });
      input.value = spec.value === null || spec.value === undefined ? '' : String(spec.value);
    } else {
      input = h('input', {
        ...common,
        type: spec.type ?? 'text',
        autocomplete: spec.autocomplete ?? 'off',
        inputmode: spec.inputmode,
        placeholder: spec.placeholder,
        maxlength: spec.maxlength,
        spellcheck: spec.type === 'password' || spec.type === 'email' ? 'false' : undefined,
      });
      input.value = spec.value === null || spec.value === undefined ? '' : String(spec.value);
    }
    const hint = h('div', { class: 'hint', id: hintId }, spec.hint ?? null);
    const error = h('div', { class: 'field-error', id: errId });
    const wrap = h(
      'div',
      { class: `field field-${spec.name.replace(/[^A-Za-z0-9]/g, '-')}` },
      h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
      input,
      hint,
      error,
    );
    this.fields.set(spec.name, { spec, input, error, hint, wrap });
    return wrap;
  }

  input(name: string): Input {
    const f = this.fields.get(name);
    if (!f) throw new Error(`no field ${name}`);
    return f.input;
  }

  hint(name: string): HTMLElement {
    return this.fields.get(name)!.hint;
  }

  value(name: string): string {
    return this.input(name).value;
  }

  /** The trimmed value, or null when empty (optional fields are sent as null, not ""). */
  optional(name: string): string | null {
    const v = this.value(name).trim();
    return v === '' ? null : v;
  }

  clearErrors(): void {
    for (const f of this.fields.values()) {
      f.input.removeAttribute('aria-invalid');
      replace(f.error);
      f.wrap.classList.remove('has-error');
    }
    replace(this.banner);
  }

  setFieldError(name: string, message: string): boolean {
    const f = this.fields.get(name);
    if (!f) return false;
    f.input.setAttribute('aria-invalid', 'true');
    f.wrap.classList.add('has-error');
    replace(f.error, message);
    return true;
  }

  /**
   * Shows a problem: field errors on their inputs (mapped by `fieldName`), the rest in a role=alert banner; focus
   * goes to the first field in error, else to the banner.
   */
  showProblem(p: Problem, fieldName: (apiField: string) => string = (f) => f, fieldMessage?: (e: FieldError) => string): void {
    this.clearErrors();
    const unmatched: FieldError[] = [];
    for (const e of p.errors ?? []) {
      if (!this.setFieldError(fieldName(e.field), fieldMessage ? fieldMessage(e) : e.message)) unmatched.push(e);
    }
    const matched = (p.errors ?? []).length - unmatched.length;
    const d = describeProblem(p);
    const banner = errorBanner(
      matched > 0 ? (matched === 1 ? 'One field needs attention.' : `${matched} fields need attention.`) : d.sentence,
      matched > 0 ? null : d.check,
      matched > 0 ? null : d.detail,
      p.code,
      unmatched.map((e) => `${e.field}: ${e.message}`),
    );
    replace(this.banner, banner);
    this.focusFirstError() || banner.focus();
  }

  focusFirstError(): boolean {
    const first = this.el.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.focus();
      return true;
    }
    return false;
  }

  showSuccess(message: Child): void {
    replace(this.banner, h('div', { class: 'banner banner-ok', role: 'status' }, message));
  }
}

export function errorBanner(
  sentence: string,
  check?: string | null,
  detail?: string | null,
  code?: string | null,
  more: string[] = [],
): HTMLElement {
  return h(
    'div',
    { class: 'banner banner-error', role: 'alert', tabindex: -1, 'data-code': code ?? undefined },
    h('p', { class: 'banner-title' }, sentence),
    check ? h('p', {}, check) : null,
    detail && detail !== sentence ? h('p', { class: 'detail' }, 'Server: ', h('q', {}, detail)) : null,
    more.length ? h('ul', {}, more.map((m) => h('li', {}, m))) : null,
    code ? h('p', { class: 'code' }, 'Code: ', h('code', {}, code)) : null,
  );
}

export function problemBanner(p: Problem): HTMLElement {
  const d = describeProblem(p);
  return errorBanner(d.sentence, d.check, d.detail, p.code);
}

export function button(label: string, attrs: Record<string, string | boolean | EventListener | undefined> = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs }, label);
}

/** Disables a button while an action runs and says so (aria-busy) without losing the label. */
export async function busy<T>(btn: HTMLButtonElement, label: string, fn: () => Promise<T>): Promise<T> {
  const old = btn.textContent;
  // a disabled button loses focus; give it back afterwards unless the action moved focus somewhere on purpose
  const hadFocus = document.activeElement === btn;
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  btn.textContent = label;
  try {
    return await fn();
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
    btn.textContent = old;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (hadFocus && lost && btn.isConnected) btn.focus();
  }
}
