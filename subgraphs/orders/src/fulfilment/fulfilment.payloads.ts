import { ObjectType } from 'type-graphql';
import { OrderPayload } from '../order/order.payloads';

@ObjectType({ description: 'Result of cancelOrderRemainder.' })
export class CancelOrderRemainderPayload extends OrderPayload {}
