package io.rootwatch.detect;

/** What kind of root activity an event is; every event gets exactly one. */
public enum Category {
    ROOT_SIGN_IN("The root user signed in to the console."),
    ROOT_SIGN_IN_FAILURE("A sign-in as the root user failed."),
    ROOT_CREDENTIAL_CHANGE("The root user changed its own credentials (password, email, access keys, MFA, signing certificates)."),
    ROOT_ONLY_TASK("The root user performed a task that only root can do."),
    ROOT_API_CALL("The root user made any other call, reads included: avoidable root use."),
    CENTRALIZED_ROOT_SESSION("A centralized root session: sts:AssumeRoot, or a member-account action inside such a session."),
    ROOT_SERVICE_EVENT("An AWS service acting for the root user; recorded, never paged."),
    NOT_ROOT("Not root activity.");

    private final String meaning;

    Category(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** True for every category that a person (root, or a centralized root session) caused. */
    public boolean isRootActivity() {
        return this != NOT_ROOT;
    }
}
