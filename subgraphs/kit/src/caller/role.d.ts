/** Who a caller is to the platform (BLUEPRINT "Callers and access"). */
export declare enum Role {
    PLATFORM_ADMIN = "PLATFORM_ADMIN",
    MERCHANT = "MERCHANT",
    STORE_STAFF = "STORE_STAFF",
    CUSTOMER = "CUSTOMER"
}
export declare const STORE_ROLES: readonly Role[];
export declare function isRole(value: unknown): value is Role;
