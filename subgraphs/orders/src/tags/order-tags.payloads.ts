import { ObjectType } from 'type-graphql';
import { OrderPayload } from '../order/order.payloads';

@ObjectType({ description: 'Result of setOrderTags.' })
export class SetOrderTagsPayload extends OrderPayload {}

@ObjectType({ description: 'Result of addOrderTags.' })
export class AddOrderTagsPayload extends OrderPayload {}

@ObjectType({ description: 'Result of removeOrderTags.' })
export class RemoveOrderTagsPayload extends OrderPayload {}
