package io.mailoo.dispatch.smtp;

import io.mailoo.contracts.events.SmtpReply;
import io.mailoo.contracts.events.SmtpStep;

/**
 * How a send failed, typed: the step of the dialogue, what kind of failure it was, and the server's reply if it
 * gave one (bounded as results carry it). The one form in which both the profiles' own client and the platform
 * profile's quarkus-mailer report failures, so one classifier reads them. Its message names the step, the kind and
 * the reply code only: never the server's text, never a command that was sent.
 */
public final class SmtpFailure extends RuntimeException {

    public enum Kind {
        /** The server answered the step with a reply that refuses it ({@link #reply()} is set). */
        REPLY,
        /** The server does not offer what the profile needs at this step (STARTTLS, a usable AUTH mechanism). */
        NOT_OFFERED,
        /** The TLS handshake failed or the certificate is not trusted for the host. */
        TLS,
        /** Connecting failed or the connection broke (refused, reset, closed, unknown host). */
        CONNECTION,
        /** No answer in time. */
        TIMEOUT,
        /** The server answered outside SMTP or beyond the reply bounds; the connection was closed. */
        PROTOCOL
    }

    private final SmtpStep step;
    private final Kind kind;
    private final SmtpReply reply;
    private final String recipient;

    public SmtpFailure(SmtpStep step, Kind kind, SmtpReply reply) {
        this(step, kind, reply, null);
    }

    private SmtpFailure(SmtpStep step, Kind kind, SmtpReply reply, String recipient) {
        super(kind + " at " + step + (reply == null || reply.code() == null ? "" : " (" + reply.code() + ")"), null,
                false, false);
        this.step = step == null ? SmtpStep.UNKNOWN : step;
        this.kind = kind;
        this.reply = reply;
        this.recipient = recipient;
    }

    /** The same failure, naming the recipient whose RCPT TO the server refused (kept out of the message). */
    public SmtpFailure refusing(String address) {
        return new SmtpFailure(step, kind, reply, address);
    }

    /** The address the server refused at RCPT TO; null for every other failure. */
    public String recipient() {
        return recipient;
    }

    /** A permanent (5xx) refusal of one recipient at RCPT TO: the address goes on the profile's suppression list. */
    public boolean permanentRecipientRefusal() {
        return recipient != null && step == SmtpStep.RCPT_TO && kind == Kind.REPLY && reply != null
                && reply.code() != null && reply.code() >= 500 && reply.code() < 600;
    }

    public static SmtpFailure reply(SmtpStep step, SmtpReply reply) {
        return new SmtpFailure(step, Kind.REPLY, reply);
    }

    public static SmtpFailure of(SmtpStep step, Kind kind) {
        return new SmtpFailure(step, kind, null);
    }

    public SmtpStep step() {
        return step;
    }

    public Kind kind() {
        return kind;
    }

    /** The server's reply at the failed step; null unless {@link #kind()} is REPLY. */
    public SmtpReply reply() {
        return reply;
    }

    /** A 4xx reply: the server may accept the same thing later. */
    public boolean transientReply() {
        return reply != null && reply.code() != null && reply.code() >= 400 && reply.code() < 500;
    }
}
