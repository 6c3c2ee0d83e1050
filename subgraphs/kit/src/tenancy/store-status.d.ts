/** Where a store stands on the platform; owned by the stores subgraph, followed by the others. */
export declare enum StoreStatus {
    ACTIVE = "ACTIVE",
    PAUSED = "PAUSED",
    SUSPENDED = "SUSPENDED",
    CLOSED = "CLOSED"
}
export declare function isStoreStatus(value: unknown): value is StoreStatus;
/** Whether shoppers see the store's catalog at all. */
export declare function storefrontVisible(status: StoreStatus): boolean;
/** Whether the store takes new orders and payments. */
export declare function acceptsCheckout(status: StoreStatus): boolean;
/**
 * Whether the store's own staff may change its data: not while the platform has it SUSPENDED or
 * CLOSED (they may still read it). PAUSED is the owner's choice and changes nothing for the admin.
 */
export declare function acceptsStaffChanges(status: StoreStatus): boolean;
