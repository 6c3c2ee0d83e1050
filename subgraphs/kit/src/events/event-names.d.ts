/**
 * Streams and subjects. A namespace (EVENT_NAMESPACE) prefixes both so test suites and
 * side-by-side installs never see each other's events: `catalog.product-created` is published
 * on `<ns>.catalog.product-created` into stream `<NS>_CATALOG`.
 */
export declare class EventNames {
    readonly namespace: string;
    constructor(namespace: string);
    subject(type: string): string;
    /** The type inside a subject, the inverse of `subject`. */
    typeOf(subject: string): string;
    domainOf(type: string): string;
    stream(domain: string): string;
    streamSubjects(domain: string): string;
    deadLetterStream(): string;
    /** Poison messages land on `deadletter.<consumer>`; operators read the DEADLETTER stream. */
    deadLetterSubject(consumer: string): string;
    /** Durable consumer names allow no dots. */
    durable(name: string): string;
}
