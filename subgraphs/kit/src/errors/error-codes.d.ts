/** The `extensions.code` values every UltraMarket error carries (see BLUEPRINT "Errors"). */
export declare enum ErrorCode {
    BAD_USER_INPUT = "BAD_USER_INPUT",
    UNAUTHENTICATED = "UNAUTHENTICATED",
    FORBIDDEN = "FORBIDDEN",
    NOT_FOUND = "NOT_FOUND",
    CONFLICT = "CONFLICT",
    RATE_LIMITED = "RATE_LIMITED",
    /** The store is paused, suspended or closed: it takes no orders or payments now. */
    STORE_UNAVAILABLE = "STORE_UNAVAILABLE",
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
}
