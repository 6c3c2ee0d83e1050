import type { MoneyData } from '../event-handlers/event-data';
import { cancellationSentence } from './cancel-reasons';
import { quotedInstructions, quotedText } from './plain-text';
import { staffRoleName } from './staff-roles';
import { TRACKING_STATUS_WORDS } from './tracking-statuses';
import { RETURN_STEP_WORDS } from './return-steps';
import type { TemplateVariable } from '../templates/template-variable';
import { NotificationCategory } from '../preferences/notification-category';

/**
 * The catalog of every email notifications sends (a "template key" each): its category (which decides whether a
 * customer may turn it off), its documented variables, how an event's data becomes those variables, and its default
 * Handlebars template. Stores override the template (`updateNotificationTemplate`); the variables are the contract.
 *
 * Adding an email is a change to this file only: a member of `EmailKind`, its data in `EmailTemplateData` and its entry
 * in `EMAIL_TEMPLATES` (then `WRITE_NOTIFICATION_DOCS=1 npx jest subgraphs/notifications/test/notifications-doc.test.ts`
 * regenerates the key's section of docs/notifications.md).
 */
export enum EmailKind {
  ORDER_CONFIRMED = 'ORDER_CONFIRMED',
  ORDER_PAYMENT_FAILED = 'ORDER_PAYMENT_FAILED',
  ORDER_CANCELLED = 'ORDER_CANCELLED',
  ORDER_DISPATCHED = 'ORDER_DISPATCHED',
  SHIPMENT_TRACKING = 'SHIPMENT_TRACKING',
  PAYMENT_REFUNDED = 'PAYMENT_REFUNDED',
  MANUAL_PAYMENT_INSTRUCTIONS = 'MANUAL_PAYMENT_INSTRUCTIONS',
  ACCOUNT_VERIFY_EMAIL = 'ACCOUNT_VERIFY_EMAIL',
  ACCOUNT_PASSWORD_RESET = 'ACCOUNT_PASSWORD_RESET',
  STORE_INVITATION = 'STORE_INVITATION',
  CART_ABANDONED = 'CART_ABANDONED',
  RETURN_UPDATED = 'RETURN_UPDATED',
}

/** Emails whose body carries a live single-use token: the dispatcher removes the body once it is sent or given up. */
export const EMAILS_WITH_LIVE_TOKENS: readonly EmailKind[] = [EmailKind.ACCOUNT_VERIFY_EMAIL, EmailKind.ACCOUNT_PASSWORD_RESET, EmailKind.CART_ABANDONED];

/** Lines an abandoned-cart email lists; the rest are counted. */
const CART_EMAIL_LINES = 10;

/** What each email is made from (the handlers' side). */
export interface EmailTemplateData {
  /** A return's step (REQUESTED, APPROVED, …); no free text: the staff's reason for a rejection stays in the app. */
  [EmailKind.RETURN_UPDATED]: { orderNumber: string; status: string };
  [EmailKind.ORDER_CONFIRMED]: { orderNumber: string; total: MoneyData };
  [EmailKind.ORDER_PAYMENT_FAILED]: { orderNumber: string; total: MoneyData; reason: string | null };
  /** The reason as orders' code only: a guest order's address is anybody's, so no free text goes to it. */
  [EmailKind.ORDER_CANCELLED]: { orderNumber: string; reasonCode: string | null };
  [EmailKind.ORDER_DISPATCHED]: { orderNumber: string; carrier: string; trackingNumber: string; trackingUrl?: string | null };
  /** A parcel's tracking status (OUT_FOR_DELIVERY, DELIVERED, FAILED_ATTEMPT, RETURNED); no free text: the staff's words stay in the app. */
  [EmailKind.SHIPMENT_TRACKING]: { orderNumber: string; status: string; carrier: string; trackingNumber: string; trackingUrl: string | null };
  /** Payment events carry no order number: null when no order event has told us it yet. */
  [EmailKind.PAYMENT_REFUNDED]: { orderNumber: string | null; amount: MoneyData; reason: string | null };
  /** A manual payment chosen (bank transfer, cash on delivery, other): the store's instructions, quoted, and until when the items are held. */
  [EmailKind.MANUAL_PAYMENT_INSTRUCTIONS]: { orderNumber: string | null; amount: MoneyData; methodName: string; instructions: string; holdUntil: Date | null };
  [EmailKind.ACCOUNT_VERIFY_EMAIL]: { firstName: string; link: string; token: string };
  [EmailKind.ACCOUNT_PASSWORD_RESET]: { firstName: string; link: string; token: string };
  /** No link and no token: the invitee accepts signed in, with this address (`myStoreInvitations`). The name is the merchant's words, quoted. */
  [EmailKind.STORE_INVITATION]: { storeName: string; role: string; expiresAt: Date };
  /** Titles are the merchant's words, quoted; the link carries a single-use recovery token. */
  [EmailKind.CART_ABANDONED]: {
    lines: { title: string; variantTitle: string; quantity: number }[];
    itemCount: number;
    subtotal: MoneyData;
    recoveryUrl: string;
    recoveryExpiresAt: Date;
  };
}

/** One template key's entry in the catalog. */
export interface EmailTemplateDefinition<K extends EmailKind> {
  description: string;
  category: NotificationCategory;
  /** The key's own variables (the context variables below are added to every key). */
  variables: TemplateVariable[];
  /** The event's data as the template's variables. */
  variablesOf(data: EmailTemplateData[K]): Record<string, unknown>;
  /** Default subject (Handlebars). */
  subject: string;
  /** Default body, paragraph by paragraph (Handlebars): the text part joins them, the HTML part puts each in a <p>. */
  paragraphs: string[];
}

const SAMPLE_ORDER_NUMBER = '#1001';
const SAMPLE_TOTAL = { amount: 2599, currencyCode: 'USD' };
const orderNumberVar: TemplateVariable = {
  name: 'orderNumber',
  type: 'String',
  description: 'The order number the shopper saw, e.g. #1001.',
  sample: SAMPLE_ORDER_NUMBER,
};
const optionalOrderNumberVar: TemplateVariable = {
  ...orderNumberVar,
  nullable: true,
  description: 'The order number, null when notifications has not yet heard it (payment events carry none).',
};
const trackingVars: TemplateVariable[] = [
  { name: 'carrier', type: 'String', description: 'The carrier, e.g. DHL.', sample: 'DHL' },
  { name: 'trackingNumber', type: 'String', description: "The carrier's tracking number.", sample: 'JD014600006281' },
  {
    name: 'trackingUrl',
    type: 'String',
    nullable: true,
    description: "The carrier's tracking page, when the shipment has one.",
    sample: 'https://track.example/JD014600006281',
  },
];
const reasonWithoutStop = (reason: string | null) => (reason ? reason.replace(/\.$/, '') : null);
const orderName = '{{#if orderNumber}}order {{orderNumber}}{{else}}your order{{/if}}';

/** Every email's template: the catalog (see the comment on EmailKind). */
export const EMAIL_TEMPLATES: { [K in EmailKind]: EmailTemplateDefinition<K> } = {
  [EmailKind.ORDER_CONFIRMED]: {
    description: 'The receipt: the order is paid for and confirmed (orders.status-changed to CONFIRMED).',
    category: NotificationCategory.RECEIPTS,
    variables: [orderNumberVar, { name: 'total', type: 'Money', description: "The order's total as paid.", sample: SAMPLE_TOTAL }],
    variablesOf: ({ orderNumber, total }) => ({ orderNumber, total }),
    subject: 'Your order {{orderNumber}} is confirmed',
    paragraphs: [
      'Thank you for your order! We have received your payment of {{money total}} and order {{orderNumber}} is confirmed.',
      'We will email you again as soon as it is on its way.',
    ],
  },
  [EmailKind.ORDER_PAYMENT_FAILED]: {
    description: 'A payment for the order was declined (orders.status-changed to PAYMENT_FAILED; at most a few an hour per order).',
    category: NotificationCategory.ORDER_UPDATES,
    variables: [
      orderNumberVar,
      { name: 'total', type: 'Money', description: "The order's total.", sample: SAMPLE_TOTAL },
      { name: 'reason', type: 'String', nullable: true, description: "The provider's decline message, without a final full stop.", sample: 'Card declined' },
    ],
    variablesOf: ({ orderNumber, total, reason }) => ({ orderNumber, total, reason: reasonWithoutStop(reason) }),
    subject: 'Payment for order {{orderNumber}} failed',
    paragraphs: [
      'We could not take the payment of {{money total}} for order {{orderNumber}}.{{#if reason}} Reason: {{reason}}.{{/if}}',
      'Your order is not lost: you can try again with another payment method while the items are held for you.',
    ],
  },
  [EmailKind.ORDER_CANCELLED]: {
    description: 'The order was cancelled (orders.status-changed to CANCELLED); the reason is a fixed sentence per reason code, never free text.',
    category: NotificationCategory.RECEIPTS,
    variables: [
      orderNumberVar,
      { name: 'reasonCode', type: 'String', nullable: true, description: "Orders' cancellation reason code, e.g. OUT_OF_STOCK.", sample: 'OUT_OF_STOCK' },
      {
        name: 'reasonText',
        type: 'String',
        nullable: true,
        description: 'The platform\'s words for the reason code, to follow "was cancelled" (null for OTHER and unknown codes).',
        sample: 'because some of its items are out of stock',
      },
    ],
    variablesOf: ({ orderNumber, reasonCode }) => ({ orderNumber, reasonCode, reasonText: cancellationSentence(reasonCode).replace(/\.$/, '').trim() || null }),
    subject: 'Your order {{orderNumber}} was cancelled',
    paragraphs: [
      'Order {{orderNumber}} was cancelled{{#if reasonText}} {{reasonText}}{{/if}}.',
      'If you were charged for it, the money will be refunded to you.',
    ],
  },
  [EmailKind.ORDER_DISPATCHED]: {
    description: 'The order left the warehouse (orders.dispatched), with its tracking number.',
    category: NotificationCategory.SHIPPING_UPDATES,
    variables: [orderNumberVar, ...trackingVars],
    variablesOf: ({ orderNumber, carrier, trackingNumber, trackingUrl }) => ({ orderNumber, carrier, trackingNumber, trackingUrl: trackingUrl ?? null }),
    subject: 'Your order {{orderNumber}} is on its way',
    paragraphs: [
      'Good news: order {{orderNumber}} has been dispatched with {{carrier}}.',
      'Tracking number: {{trackingNumber}}',
      '{{#if trackingUrl}}Follow your parcel: {{trackingUrl}}{{/if}}',
    ],
  },
  [EmailKind.SHIPMENT_TRACKING]: {
    description: "News of a parcel (shipping.tracking-updated: OUT_FOR_DELIVERY, DELIVERED, FAILED_ATTEMPT, RETURNED); no staff's free text.",
    category: NotificationCategory.SHIPPING_UPDATES,
    variables: [
      orderNumberVar,
      { name: 'status', type: 'String', description: "The parcel's tracking status code.", sample: 'FAILED_ATTEMPT' },
      { name: 'headline', type: 'String', description: "The platform's headline for the status.", sample: 'Delivery of order #1001 failed' },
      {
        name: 'sentence',
        type: 'String',
        description: 'The platform\'s sentence for the status, to follow "Your order #1001".',
        sample: 'could not be delivered; the carrier will try again or tell you where to collect it',
      },
      ...trackingVars,
    ],
    variablesOf: (tracking) => {
      const words = TRACKING_STATUS_WORDS[tracking.status];
      return {
        ...tracking,
        headline: words ? words.headline(tracking.orderNumber) : `News of your order ${tracking.orderNumber}`,
        sentence: words?.sentence ?? 'has news from the carrier',
      };
    },
    subject: '{{headline}}',
    paragraphs: ['Your order {{orderNumber}} {{sentence}}.', '{{carrier}} tracking number: {{trackingNumber}}{{#if trackingUrl}} ({{trackingUrl}}){{/if}}'],
  },
  [EmailKind.PAYMENT_REFUNDED]: {
    description: 'Money went back to the shopper (payments.refunded): the refund receipt.',
    category: NotificationCategory.RECEIPTS,
    variables: [
      optionalOrderNumberVar,
      { name: 'amount', type: 'Money', description: 'The amount refunded.', sample: { amount: 500, currencyCode: 'USD' } },
      {
        name: 'reason',
        type: 'String',
        nullable: true,
        description: "The staff's reason for the refund, without a final full stop.",
        sample: 'Damaged in transit',
      },
    ],
    variablesOf: ({ orderNumber, amount, reason }) => ({ orderNumber, amount, reason: reasonWithoutStop(reason) }),
    subject: '{{#if orderNumber}}Your refund for order {{orderNumber}}{{else}}Your refund{{/if}}',
    paragraphs: [
      `We have refunded {{money amount}} for ${orderName}.{{#if reason}} Reason: {{reason}}.{{/if}}`,
      'It can take a few business days to appear on your statement.',
    ],
  },
  [EmailKind.MANUAL_PAYMENT_INSTRUCTIONS]: {
    description: "How to pay by a manual method (payments.initiated with a method other than CARD): the store's instructions, quoted.",
    category: NotificationCategory.RECEIPTS,
    variables: [
      optionalOrderNumberVar,
      { name: 'amount', type: 'Money', description: 'The amount to pay.', sample: SAMPLE_TOTAL },
      { name: 'methodName', type: 'String', description: 'The method in words, e.g. "bank transfer".', sample: 'bank transfer' },
      {
        name: 'instructions',
        type: 'String',
        description: 'The store\'s instructions quoted line by line ("> "), links broken, at most 2000 characters.',
        sample: '> IBAN DE00 1234 5678 9012\n> Reference: #1001',
      },
      {
        name: 'holdUntil',
        type: 'DateTime',
        nullable: true,
        description: 'Until when the items are held for the payment.',
        sample: '2026-12-14T18:00:00.000Z',
      },
    ],
    variablesOf: ({ orderNumber, amount, methodName, instructions, holdUntil }) => ({
      orderNumber,
      amount,
      methodName,
      instructions: quotedInstructions(instructions) || '> (the store gave no instructions: contact it)',
      holdUntil: holdUntil?.toISOString() ?? null,
    }),
    subject: '{{#if orderNumber}}How to pay for order {{orderNumber}}{{else}}How to pay for your order{{/if}}',
    paragraphs: [
      `Thank you for your order! You chose to pay {{money amount}} for ${orderName} by {{methodName}}. The store's instructions:`,
      '{{instructions}}',
      '{{#if holdUntil}}We hold your items until {{dateTime holdUntil}}; we will confirm your order as soon as the store receives your payment.{{else}}We will confirm your order as soon as the store receives your payment.{{/if}}',
    ],
  },
  [EmailKind.ACCOUNT_VERIFY_EMAIL]: {
    description: 'The email-address check after sign-up (accounts.user-registered): a single-use link and code. Platform-wide, no store.',
    category: NotificationCategory.ACCOUNT_SECURITY,
    variables: [
      { name: 'firstName', type: 'String', nullable: true, description: "The new user's first name, when given.", sample: 'Ada' },
      { name: 'link', type: 'String', description: 'The single-use verification link (24 hours).', sample: 'https://shop.example/verify-email?token=abc123' },
      { name: 'token', type: 'String', description: 'The same token as a code to type in.', sample: 'abc123' },
    ],
    variablesOf: ({ firstName, link, token }) => ({ firstName: firstName || null, link, token }),
    subject: 'Confirm your email address',
    paragraphs: [
      'Welcome to UltraMarket{{#if firstName}}, {{firstName}}{{/if}}! Please confirm your email address: {{link}}',
      'Or enter this code where you signed up: {{token}}',
      'The link works once and for 24 hours. If you did not sign up, ignore this email.',
    ],
  },
  [EmailKind.ACCOUNT_PASSWORD_RESET]: {
    description: 'A password reset asked for (accounts.password-reset-requested): a single-use link and code. Platform-wide, no store.',
    category: NotificationCategory.ACCOUNT_SECURITY,
    variables: [
      { name: 'firstName', type: 'String', nullable: true, description: "The user's first name, when known.", sample: 'Ada' },
      { name: 'link', type: 'String', description: 'The single-use reset link (one hour).', sample: 'https://shop.example/reset-password?token=xyz789' },
      { name: 'token', type: 'String', description: 'The same token as a code to type in.', sample: 'xyz789' },
    ],
    variablesOf: ({ firstName, link, token }) => ({ firstName: firstName || null, link, token }),
    subject: 'Reset your password',
    paragraphs: [
      '{{#if firstName}}{{firstName}}, someone{{else}}Someone{{/if}} (we hope you) asked to reset your UltraMarket password. Choose a new one here: {{link}}',
      'Or enter this code: {{token}}',
      'The link works once and for one hour, and signs you out everywhere. If you did not ask for it, ignore this email: your password stays as it is.',
    ],
  },
  [EmailKind.STORE_INVITATION]: {
    description: "An invitation to a store's staff by email (stores.staff-invited): no link or token; the invitee accepts signed in.",
    category: NotificationCategory.STAFF,
    variables: [
      { name: 'storeName', type: 'String', description: "The inviting store's name, quoted on one line, links broken.", sample: '“Acme Outdoor”' },
      { name: 'role', type: 'String', description: 'The role code, MERCHANT or STORE_STAFF.', sample: 'STORE_STAFF' },
      { name: 'roleName', type: 'String', description: 'The role in words, e.g. "a member of staff".', sample: 'a member of staff' },
      { name: 'expiresAt', type: 'DateTime', description: 'When the invitation expires.', sample: '2026-12-14T18:00:00.000Z' },
    ],
    variablesOf: ({ storeName, role, expiresAt }) => ({
      storeName: quotedText(storeName),
      role,
      roleName: staffRoleName(role),
      expiresAt: expiresAt.toISOString(),
    }),
    subject: 'You were invited to {{storeName}} on UltraMarket',
    paragraphs: [
      'You were invited to {{storeName}} as {{roleName}}. Sign in to UltraMarket with this email to accept; the invitation expires {{dateTime expiresAt}}.',
      'If you do not know this store, ignore this email: nobody joins a store without accepting.',
    ],
  },
  [EmailKind.CART_ABANDONED]: {
    description: 'A reminder of a cart left behind (cart.abandoned), with a single-use recovery link: marketing, so it carries an unsubscribe link.',
    category: NotificationCategory.MARKETING,
    variables: [
      {
        name: 'lines',
        type: 'List',
        description: 'The first 10 lines of the cart.',
        sample: [
          { quantity: 2, title: '“Heavy tee”', variantTitle: '“M”' },
          { quantity: 1, title: '“Mug”', variantTitle: null },
        ],
        items: [
          { name: 'quantity', type: 'Int', description: 'How many.', sample: 2 },
          { name: 'title', type: 'String', description: "The product's title, quoted on one line, links broken.", sample: '“Heavy tee”' },
          { name: 'variantTitle', type: 'String', nullable: true, description: "The variant's title, quoted; null for a default variant.", sample: '“M”' },
        ],
      },
      { name: 'moreLineCount', type: 'Int', description: 'How many lines beyond the 10 listed (0 when none).', sample: 0 },
      { name: 'itemCount', type: 'Int', description: 'How many items the cart holds in all.', sample: 3 },
      { name: 'itemCountText', type: 'String', description: 'The same in words: "1 item", "3 items".', sample: '3 items' },
      { name: 'subtotal', type: 'Money', description: "The cart's subtotal at today's prices.", sample: { amount: 6400, currencyCode: 'USD' } },
      { name: 'recoveryUrl', type: 'String', description: 'The single-use link back to the cart.', sample: 'https://shop.example/cart/recover?token=abc' },
      { name: 'recoveryExpiresAt', type: 'DateTime', description: 'Until when the link works.', sample: '2026-12-10T09:30:00.000Z' },
    ],
    variablesOf: ({ lines, itemCount, subtotal, recoveryUrl, recoveryExpiresAt }) => ({
      lines: lines.slice(0, CART_EMAIL_LINES).map(({ title, variantTitle, quantity }) => ({
        quantity,
        title: quotedText(title || 'An item'),
        variantTitle: variantTitle && variantTitle !== 'Default' ? quotedText(variantTitle) : null,
      })),
      moreLineCount: Math.max(0, lines.length - CART_EMAIL_LINES),
      itemCount,
      itemCountText: itemCount === 1 ? '1 item' : `${itemCount} items`,
      subtotal,
      recoveryUrl,
      recoveryExpiresAt: recoveryExpiresAt.toISOString(),
    }),
    subject: 'You left something in your cart',
    paragraphs: [
      "Your cart is waiting for you: {{itemCountText}}, {{money subtotal}} at today's prices.",
      '{{#each lines}}- {{quantity}} × {{title}}{{#if variantTitle}} ({{variantTitle}}){{/if}}\n{{/each}}{{#if moreLineCount}}- and {{moreLineCount}} more{{/if}}',
      'Pick up where you left off: {{recoveryUrl}}',
      'The link works once, until {{dateTime recoveryExpiresAt}}. If you did not shop with us, ignore this email: nothing was ordered.',
      '{{#if unsubscribeUrl}}No more emails like this: {{unsubscribeUrl}}{{/if}}',
    ],
  },
  [EmailKind.RETURN_UPDATED]: {
    description: "A return moved to a new step (orders.return-updated); no free text: the staff's reason for a rejection stays in the app.",
    category: NotificationCategory.ORDER_UPDATES,
    variables: [
      orderNumberVar,
      { name: 'status', type: 'String', description: "The return's step, e.g. APPROVED.", sample: 'APPROVED' },
      { name: 'headline', type: 'String', description: "The platform's headline for the step.", sample: 'Return approved for order #1001' },
      {
        name: 'sentence',
        type: 'String',
        description: "The platform's sentence for the step.",
        sample: 'Your return was approved: please send the items back.',
      },
    ],
    variablesOf: ({ orderNumber, status }) => {
      const words = RETURN_STEP_WORDS[status];
      return {
        orderNumber,
        status,
        headline: words ? words.title(orderNumber) : `News of your return for order ${orderNumber}`,
        sentence: words?.sentence ?? 'Your return has news.',
      };
    },
    subject: '{{headline}}',
    paragraphs: ['{{sentence}} (Order {{orderNumber}}.)'],
  },
};
