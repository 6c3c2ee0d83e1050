import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsUUID, Length } from 'class-validator';
import { CartPayload } from '../cart/cart.payloads';

@InputType({ description: "An abandoned cart's recovery link: the cart and the recovery token its email carried." })
export class RecoverCartInput {
  @IsUUID()
  @Field(() => ID, { description: 'The cart (the link’s `cart`).' })
  cartId: string;

  @Length(1, 100)
  @Field({ description: 'The recovery token (the link’s `token`): single-use, valid for CART_RECOVERY_TTL_HOURS after the email.' })
  recoveryToken: string;
}

@ObjectType({ description: 'Result of recoverCart.' })
export class RecoverCartPayload extends CartPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "A guest cart's new secret token (shown this once; the cart's previous token stops working). Null for a customer's cart, which its signed-in customer reaches as always.",
  })
  cartToken: string | null = null;
}
