import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Store } from '../store/store.entity';
import { challengeRecordName } from './domain-challenge';

export enum CustomDomainStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
}

registerEnumType(CustomDomainStatus, {
  name: 'CustomDomainStatus',
  description: 'PENDING: the merchant has yet to prove control of the domain (it serves nothing); VERIFIED: it serves the store.',
});

@ObjectType({ description: "How a store's custom domain is proven: the DNS record its merchant publishes, then verifyStoreDomain." })
export class CustomDomainVerification {
  @Field({ description: 'The custom domain this is about.' })
  domain: string;

  @Field(() => CustomDomainStatus, { description: 'PENDING until verifyStoreDomain found the record, then VERIFIED.' })
  status: CustomDomainStatus;

  @Field({ description: 'The DNS record type to publish: TXT.' })
  recordType: string;

  @Field({ description: 'Where to publish it: _ultramarket-challenge.<domain>.' })
  recordName: string;

  @Field({ description: 'The value the record must hold (keep it published: it is checked again when the domain is verified).' })
  recordValue: string;

  @Field(() => Date, { nullable: true, description: 'When the domain was verified (UTC); null while pending.' })
  verifiedAt: Date | null;

  static of(store: Store): CustomDomainVerification | null {
    if (!store.customDomain || !store.customDomainToken) return null;
    return Object.assign(new CustomDomainVerification(), {
      domain: store.customDomain,
      status: store.customDomainVerifiedAt ? CustomDomainStatus.VERIFIED : CustomDomainStatus.PENDING,
      recordType: 'TXT',
      recordName: challengeRecordName(store.customDomain),
      recordValue: store.customDomainToken,
      verifiedAt: store.customDomainVerifiedAt,
    });
  }
}
