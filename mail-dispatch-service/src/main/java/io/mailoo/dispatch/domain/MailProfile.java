package io.mailoo.dispatch.domain;

import io.mailoo.contracts.events.ProfileLimits;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.events.SmtpServer;

/**
 * A profile as dispatch sees it: the projected settings (password still sealed) and whether it is suspended.
 * {@code sealingContext} is the associated data its password was sealed with (the profileRef, or test:{id}).
 */
public record MailProfile(
        String profileRef,
        String projectUid,
        long version,
        SmtpServer smtp,
        Sender from,
        String replyTo,
        ProfileLimits limits,
        String sealingContext,
        boolean suspended) {

    public MailProfile withSuspended(boolean value) {
        return new MailProfile(profileRef, projectUid, version, smtp, from, replyTo, limits, sealingContext, value);
    }

}
