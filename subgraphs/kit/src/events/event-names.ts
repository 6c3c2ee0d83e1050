/**
 * Streams and subjects. A namespace (EVENT_NAMESPACE) prefixes both so test suites and
 * side-by-side installs never see each other's events: `catalog.product-created` is published
 * on `<ns>.catalog.product-created` into stream `<NS>_CATALOG`.
 */
export class EventNames {
  constructor(readonly namespace: string) {}

  subject(type: string): string {
    return this.namespace ? `${this.namespace}.${type}` : type;
  }

  /** The type inside a subject, the inverse of `subject`. */
  typeOf(subject: string): string {
    return this.namespace ? subject.slice(this.namespace.length + 1) : subject;
  }

  domainOf(type: string): string {
    return type.split('.')[0];
  }

  stream(domain: string): string {
    const name = domain.toUpperCase().replace(/-/g, '_');
    return this.namespace ? `${this.namespace.toUpperCase()}_${name}` : name;
  }

  streamSubjects(domain: string): string {
    return this.subject(`${domain}.>`);
  }

  deadLetterStream(): string {
    return this.stream('deadletter');
  }

  /** Poison messages land on `deadletter.<consumer>`; operators read the DEADLETTER stream. */
  deadLetterSubject(consumer: string): string {
    return this.subject(`deadletter.${consumer}`);
  }

  /** Durable consumer names allow no dots. */
  durable(name: string): string {
    return (this.namespace ? `${this.namespace}_${name}` : name).replace(/[.>*\s]/g, '_');
  }
}
