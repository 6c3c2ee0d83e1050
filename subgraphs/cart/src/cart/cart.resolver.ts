import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money, type SubgraphContext } from '@ultramarket/kit';
import { cartConfig } from '../cart-config';
import { CartLine } from '../cart-line/cart-line.type';
import { Cart } from './cart.entity';
import {
  AddCartLinesInput,
  CreateCartInput,
  MergeCartInput,
  RemoveCartLinesInput,
  SetCartAddressesInput,
  SelectCartShippingRateInput,
  SetCartEmailInput,
  UpdateCartLinesInput,
} from './cart.inputs';
import {
  AddCartLinesPayload,
  ApplyCartDiscountCodePayload,
  RemoveCartDiscountCodePayload,
  CreateCartPayload,
  MergeCartPayload,
  RemoveCartLinesPayload,
  SetCartAddressesPayload,
  SelectCartShippingRatePayload,
  SetCartEmailPayload,
  UpdateCartLinesPayload,
} from './cart.payloads';
import { findMyCart, findReadableCart } from './cart-queries';
import { loadPricedCart } from './priced-cart';
import { CartTaxLine } from './cart-tax-line.type';
import { createCart } from './create-cart';
import { addCartLines, removeCartLines, updateCartLines } from './change-cart-lines';
import { setCartEmail } from './set-cart-email';
import { setCartAddresses } from './set-cart-addresses';
import { selectCartShippingRate } from './select-cart-shipping-rate';
import { CartShippingRate } from './cart-shipping-rate.type';
import { mergeCart } from './merge-cart';
import { ApplyCartDiscountCodeInput, RemoveCartDiscountCodeInput } from '../cart-discount/cart-discount.inputs';
import { applyCartDiscountCode, removeCartDiscountCode } from '../cart-discount/cart-discount-codes';
import { CartAppliedDiscount, CartDiscountCode } from '../cart-discount/cart-discount.types';

/** The number of lines the gateway's query-cost analysis assumes a cart has. */
const TYPICAL_CART_LINES = 20;

@ArgsType()
class CartArgs {
  @Field(() => ID, { description: 'Cart id.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'The guest cart’s token (returned once by createCart).' })
  token?: string | null;
}

@Resolver(() => Cart)
export class CartResolver {
  @Query(() => Cart, {
    nullable: true,
    description:
      "A cart of the request's store: a guest cart with its token, the signed-in customer's own cart, any cart of the store for its staff. Null otherwise, or when it expired.",
  })
  cart(@Args() { id, token }: CartArgs, @Ctx() context: SubgraphContext): Promise<Cart | null> {
    return findReadableCart(context, id, token ?? null);
  }

  @Authorized()
  @Query(() => Cart, { nullable: true, description: "The signed-in shopper's open cart in the request's store; null when they have none." })
  myCart(@Ctx() context: SubgraphContext): Promise<Cart | null> {
    return findMyCart(context);
  }

  @Mutation(() => CreateCartPayload, {
    description:
      "Creates a cart in the request's store: a guest gets a new cart and its token (once); a signed-in customer's lines go to their open cart when they have one.",
  })
  createCart(@Arg('input', () => CreateCartInput, { description: 'The new cart.' }) input: CreateCartInput, @Ctx() context: SubgraphContext) {
    return createCart(context, cartConfig, input);
  }

  @Mutation(() => AddCartLinesPayload, { description: 'Adds variants to a cart; nothing is added when any line is refused.' })
  addCartLines(@Arg('input', () => AddCartLinesInput, { description: 'The cart and what to add.' }) input: AddCartLinesInput, @Ctx() context: SubgraphContext) {
    return addCartLines(context, cartConfig, input);
  }

  @Mutation(() => UpdateCartLinesPayload, { description: "Sets quantities of a cart's lines, by variant; nothing changes when any line is refused." })
  updateCartLines(
    @Arg('input', () => UpdateCartLinesInput, { description: 'The cart and the new quantities.' }) input: UpdateCartLinesInput,
    @Ctx() context: SubgraphContext,
  ) {
    return updateCartLines(context, cartConfig, input);
  }

  @Mutation(() => RemoveCartLinesPayload, { description: "Removes a cart's lines, by variant." })
  removeCartLines(
    @Arg('input', () => RemoveCartLinesInput, { description: 'The cart and the variants to remove.' }) input: RemoveCartLinesInput,
    @Ctx() context: SubgraphContext,
  ) {
    return removeCartLines(context, cartConfig, input);
  }

  @Mutation(() => SetCartEmailPayload, { description: "Sets the shopper's email on a cart (null clears it)." })
  setCartEmail(@Arg('input', () => SetCartEmailInput, { description: 'The cart and the email.' }) input: SetCartEmailInput, @Ctx() context: SubgraphContext) {
    return setCartEmail(context, cartConfig, input);
  }

  @Mutation(() => SetCartAddressesPayload, {
    description: "Sets a cart's shipping address (its tax and shipping region) and billing address (the shipping address unless given).",
  })
  setCartAddresses(
    @Arg('input', () => SetCartAddressesInput, { description: 'The cart and its addresses.' }) input: SetCartAddressesInput,
    @Ctx() context: SubgraphContext,
  ) {
    return setCartAddresses(context, cartConfig, input);
  }

  @Mutation(() => SelectCartShippingRatePayload, {
    description:
      "Chooses a cart's shipping rate among its availableShippingRates (for its address, weight and subtotal now); refused with SHIPPING_RATE_NOT_OFFERED otherwise.",
  })
  selectCartShippingRate(
    @Arg('input', () => SelectCartShippingRateInput, { description: 'The cart and the rate.' }) input: SelectCartShippingRateInput,
    @Ctx() context: SubgraphContext,
  ) {
    return selectCartShippingRate(context, cartConfig, input);
  }

  @Mutation(() => ApplyCartDiscountCodePayload, {
    description: 'Puts a discount code on a cart (an active code of the store, within its dates, with uses left); it stays until removed.',
  })
  applyCartDiscountCode(
    @Arg('input', () => ApplyCartDiscountCodeInput, { description: 'The cart and the code.' }) input: ApplyCartDiscountCodeInput,
    @Ctx() context: SubgraphContext,
  ) {
    return applyCartDiscountCode(context, cartConfig, input);
  }

  @Mutation(() => RemoveCartDiscountCodePayload, { description: 'Takes a discount code off a cart.' })
  removeCartDiscountCode(
    @Arg('input', () => RemoveCartDiscountCodeInput, { description: 'The cart and the code.' }) input: RemoveCartDiscountCodeInput,
    @Ctx() context: SubgraphContext,
  ) {
    return removeCartDiscountCode(context, cartConfig, input);
  }

  @Authorized()
  @Mutation(() => MergeCartPayload, {
    description:
      "Merges a guest cart (its id and token) into the signed-in customer's cart in this store, or makes it theirs when they have none; the guest cart is closed.",
  })
  mergeCart(@Arg('input', () => MergeCartInput, { description: 'The guest cart.' }) input: MergeCartInput, @Ctx() context: SubgraphContext) {
    return mergeCart(context, cartConfig, input);
  }

  // priced for a typical cart, not the CART_MAX_LINES cap: the lines are one statement whatever their number
  @Directive(`@listSize(assumedSize: ${TYPICAL_CART_LINES})`)
  @FieldResolver(() => [CartLine], { description: 'The lines, oldest first, each at its current price; unavailable lines are shown, not counted.' })
  async lines(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<CartLine[]> {
    return (await loadPricedCart(context, cart)).lines;
  }

  @FieldResolver(() => CartShippingRate, {
    nullable: true,
    description:
      'The chosen shipping rate priced now (its amount is in shippingTotal, before shipping promotions); null when none is chosen or it is not offered now (see selectedShippingRateUnavailable).',
  })
  async selectedShippingRate(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<CartShippingRate | null> {
    return (await loadPricedCart(context, cart)).selectedShippingRate;
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when a shipping rate was chosen but is not offered for the cart now (its address, weight or subtotal, or the method, changed): it is left out of the totals until one of availableShippingRates is chosen.',
  })
  async selectedShippingRateUnavailable(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<boolean> {
    return (await loadPricedCart(context, cart)).selectedShippingRateUnavailable;
  }

  @FieldResolver(() => Int, { description: 'Units of the available lines.' })
  async itemCount(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<number> {
    return (await loadPricedCart(context, cart)).itemCount;
  }

  @FieldResolver(() => Int, { description: 'Grams of the available lines (unit weight × quantity; a variant of unknown weight counts 0).' })
  async totalWeightGrams(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<number> {
    return (await loadPricedCart(context, cart)).totalWeightGrams;
  }

  @FieldResolver(() => Money, { description: 'Available lines at their current prices, before discounts.' })
  async subtotal(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money> {
    return (await loadPricedCart(context, cart)).subtotal;
  }

  @FieldResolver(() => [CartAppliedDiscount], {
    description: "The store's automatic promotions and the cart's codes that take something off now, and how much.",
  })
  async appliedDiscounts(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<CartAppliedDiscount[]> {
    return (await loadPricedCart(context, cart)).appliedDiscounts;
  }

  @FieldResolver(() => [CartDiscountCode], { description: 'The discount codes entered on the cart, in the order given, and whether each applies now.' })
  async discountCodes(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<CartDiscountCode[]> {
    return (await loadPricedCart(context, cart)).discountCodes;
  }

  @FieldResolver(() => Money, { description: 'Discounts on lines and shipping, from the promotions and codes that apply.' })
  async discountTotal(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money> {
    return (await loadPricedCart(context, cart)).discountTotal;
  }

  @FieldResolver(() => Money, { description: 'Shipping after its discounts (0 until a rate is chosen at checkout).' })
  async shippingTotal(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money> {
    return (await loadPricedCart(context, cart)).shippingTotal;
  }

  @FieldResolver(() => [CartTaxLine], {
    description: "Every tax charged, one per rule, from the store's tax rules for the shipping address (none without one).",
  })
  async taxLines(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<CartTaxLine[]> {
    return (await loadPricedCart(context, cart)).taxLines;
  }

  @FieldResolver(() => Money, {
    description: "Tax from the store's rules for the shipping address (0 without one); included in prices when the store's prices include tax.",
  })
  async taxTotal(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money> {
    return (await loadPricedCart(context, cart)).taxTotal;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the signed-in shopper is a tax-exempt customer of the store (set by its staff): then the cart has no tax lines and taxTotal is 0. Always false for a guest cart, whatever its email.',
  })
  async taxExempt(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<boolean> {
    return (await loadPricedCart(context, cart)).taxExempt;
  }

  @FieldResolver(() => Money, { description: 'What the cart costs: subtotal − discounts + shipping (+ tax when prices exclude it), by the pricing engine.' })
  async total(@Root() cart: Cart, @Ctx() context: SubgraphContext): Promise<Money> {
    return (await loadPricedCart(context, cart)).total;
  }
}
