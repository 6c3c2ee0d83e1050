"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EventNames = void 0;
/**
 * Streams and subjects. A namespace (EVENT_NAMESPACE) prefixes both so test suites and
 * side-by-side installs never see each other's events: `catalog.product-created` is published
 * on `<ns>.catalog.product-created` into stream `<NS>_CATALOG`.
 */
class EventNames {
    constructor(namespace) {
        this.namespace = namespace;
    }
    subject(type) {
        return this.namespace ? `${this.namespace}.${type}` : type;
    }
    /** The type inside a subject, the inverse of `subject`. */
    typeOf(subject) {
        return this.namespace ? subject.slice(this.namespace.length + 1) : subject;
    }
    domainOf(type) {
        return type.split('.')[0];
    }
    stream(domain) {
        const name = domain.toUpperCase().replace(/-/g, '_');
        return this.namespace ? `${this.namespace.toUpperCase()}_${name}` : name;
    }
    streamSubjects(domain) {
        return this.subject(`${domain}.>`);
    }
    deadLetterStream() {
        return this.stream('deadletter');
    }
    /** Poison messages land on `deadletter.<consumer>`; operators read the DEADLETTER stream. */
    deadLetterSubject(consumer) {
        return this.subject(`deadletter.${consumer}`);
    }
    /** Durable consumer names allow no dots. */
    durable(name) {
        return (this.namespace ? `${this.namespace}_${name}` : name).replace(/[.>*\s]/g, '_');
    }
}
exports.EventNames = EventNames;
//# sourceMappingURL=event-names.js.map