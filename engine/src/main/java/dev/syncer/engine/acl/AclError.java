package dev.syncer.engine.acl;

/** A rule ACL SETUSER cannot apply, with Redis's reason ("Syntax error", ...). */
final class AclError extends RuntimeException {

    AclError(String reason) {
        super(reason, null, false, false);
    }
}
