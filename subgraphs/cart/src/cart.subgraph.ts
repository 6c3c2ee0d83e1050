import { buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { cartConfig } from './cart-config';
import { Cart } from './cart/cart.entity';
import { CartResolver } from './cart/cart.resolver';
import { resolveCartReference } from './cart/cart-queries';
import { cartExpiryJob } from './cart/cart-expiry.job';
import { CartLineRow } from './cart-line/cart-line.entity';
import { catalogProductHandlers } from './catalog-view/catalog-product.handlers';
import { collectionMembershipHandlers } from './catalog-view/collection-membership.handlers';
import { storePricingSettingsHandlers } from './store-view/store-pricing-settings';
import { CreateCarts1763769630500 } from './migrations/1763769630500-create-carts';
import { CartAddresses1763769630600 } from './migrations/1763769630600-cart-addresses';
import { Promotions1763769630700 } from './migrations/1763769630700-promotions';
import { Promotion } from './promotion/promotion.entity';
import { PromotionResolver } from './promotion/promotion.resolver';
import { TaxRules1763769630800 } from './migrations/1763769630800-tax-rules';
import { CatalogProductTaxClass1763769630900 } from './migrations/1763769630900-catalog-product-tax-class';
import { ShippingMethods1763769631000 } from './migrations/1763769631000-shipping-methods';
import { CartAbandonment1763769631600 } from './migrations/1763769631600-cart-abandonment';
import { abandonmentConfig } from './abandonment/abandonment-config';
import { cartAbandonmentJob } from './abandonment/cart-abandonment.job';
import { RecoverCartResolver } from './abandonment/recover-cart.resolver';
import { shippingMethodHandlers } from './shipping-view/shipping-method.handlers';
import { CustomerTaxStatus1763769631900 } from './migrations/1763769631900-customer-tax-status';
import { customerTaxStatusHandlers } from './customer-view/customer-tax-status.handlers';
import { TaxRule } from './tax-rule/tax-rule.entity';
import { TaxRuleResolver } from './tax-rule/tax-rule.resolver';
import { Checkout1763769631100 } from './migrations/1763769631100-checkout';
import { PaymentCaptureMode1763769642200 } from './migrations/1763769642200-payment-capture-mode';
import { ReturnWindow1763769650100 } from './migrations/1763769650100-return-window';
import { CheckoutResolver } from './checkout/checkout.resolver';
import { checkoutReplies } from './checkout/checkout-replies';
import { checkoutReplyHandlers } from './checkout/checkout-reply.handlers';
import { checkoutSettingsHandlers } from './store-view/checkout-settings';
import { variantStockHandlers } from './stock-view/variant-stock.handlers';

/**
 * Cart owns shoppers' carts (guests' by token, customers' by account) and prices them with the kit's
 * pricing engine from its own read models of catalog's variants and the stores' pricing settings; its checkout
 * (review, completion) hands the priced order to orders with `cart.checkout-completed`.
 */
export const cartSubgraph: SubgraphDefinition = {
  name: 'cart',
  defaultPort: 4005,
  entities: [Cart, CartLineRow, Promotion, TaxRule],
  migrations: [
    CreateCarts1763769630500,
    CartAddresses1763769630600,
    Promotions1763769630700,
    TaxRules1763769630800,
    CatalogProductTaxClass1763769630900,
    ShippingMethods1763769631000,
    Checkout1763769631100,
    CartAbandonment1763769631600,
    CustomerTaxStatus1763769631900,
    PaymentCaptureMode1763769642200,
    ReturnWindow1763769650100,
  ],
  // the CART stream exists from the start; checkout and abandoned-cart events go out through the outbox
  publishes: ['cart'],
  consumers: [
    ...catalogProductHandlers,
    ...collectionMembershipHandlers,
    ...storePricingSettingsHandlers,
    ...checkoutSettingsHandlers,
    ...shippingMethodHandlers,
    ...variantStockHandlers,
    ...checkoutReplyHandlers,
    ...customerTaxStatusHandlers,
  ],
  // shoppers change carts only while the store is open to them
  followsStoreStatus: true,
  // one follower of orders' replies per process, from now: completeCheckout and placeOrder wait on it
  onStart: (runtime) => checkoutReplies.start(runtime),
  jobs: [cartExpiryJob(cartConfig), cartAbandonmentJob(abandonmentConfig)],
  // no appAccess: carts and checkout are shoppers', promotions and tax rules the staff's: no app scope opens them yet
  schema: () =>
    buildFederatedSchema({
      resolvers: [CartResolver, CheckoutResolver, PromotionResolver, TaxRuleResolver, RecoverCartResolver],
      referenceResolvers: {
        Cart: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => resolveCartReference(context, reference.id) },
      },
    }),
};
