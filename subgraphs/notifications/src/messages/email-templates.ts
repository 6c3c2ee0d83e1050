import type { MoneyData } from '../event-handlers/event-data';
import { formatMoney } from './format-money';
import { cancellationSentence } from './cancel-reasons';
import { formatUtc, quotedInstructions, quotedText } from './plain-text';
import { staffRoleName } from './staff-roles';
import { TRACKING_STATUS_WORDS, trackingLine } from './tracking-statuses';
import { RETURN_STEP_WORDS } from './return-steps';

/** Every email notifications sends; one template each below. */
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

/** What each template needs. */
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

export interface RenderedEmail {
  kind: EmailKind;
  subject: string;
  /** Plain-text body. */
  text: string;
}

type Template<K extends EmailKind> = (data: EmailTemplateData[K]) => { subject: string; paragraphs: string[] };

const orderName = (orderNumber: string | null) => (orderNumber ? `order ${orderNumber}` : 'your order');
const because = (reason: string | null) => (reason ? ` Reason: ${reason.replace(/\.$/, '')}.` : '');

const templates: { [K in EmailKind]: Template<K> } = {
  [EmailKind.RETURN_UPDATED]: ({ orderNumber, status }) => {
    const words = RETURN_STEP_WORDS[status];
    return {
      subject: words ? words.title(orderNumber) : `News of your return for order ${orderNumber}`,
      paragraphs: [`${words?.sentence ?? 'Your return has news.'} (Order ${orderNumber}.)`],
    };
  },
  [EmailKind.ORDER_CONFIRMED]: ({ orderNumber, total }) => ({
    subject: `Your order ${orderNumber} is confirmed`,
    paragraphs: [
      `Thank you for your order! We have received your payment of ${formatMoney(total)} and order ${orderNumber} is confirmed.`,
      'We will email you again as soon as it is on its way.',
    ],
  }),
  [EmailKind.ORDER_PAYMENT_FAILED]: ({ orderNumber, total, reason }) => ({
    subject: `Payment for order ${orderNumber} failed`,
    paragraphs: [
      `We could not take the payment of ${formatMoney(total)} for order ${orderNumber}.${because(reason)}`,
      'Your order is not lost: you can try again with another payment method while the items are held for you.',
    ],
  }),
  [EmailKind.ORDER_CANCELLED]: ({ orderNumber, reasonCode }) => ({
    subject: `Your order ${orderNumber} was cancelled`,
    paragraphs: [`Order ${orderNumber} was cancelled${cancellationSentence(reasonCode)}`, 'If you were charged for it, the money will be refunded to you.'],
  }),
  [EmailKind.ORDER_DISPATCHED]: ({ orderNumber, carrier, trackingNumber, trackingUrl }) => ({
    subject: `Your order ${orderNumber} is on its way`,
    paragraphs: [
      `Good news: order ${orderNumber} has been dispatched with ${carrier}.`,
      `Tracking number: ${trackingNumber}`,
      ...(trackingUrl ? [`Follow your parcel: ${trackingUrl}`] : []),
    ],
  }),
  [EmailKind.SHIPMENT_TRACKING]: (tracking) => {
    const words = TRACKING_STATUS_WORDS[tracking.status];
    return {
      subject: words ? words.headline(tracking.orderNumber) : `News of your order ${tracking.orderNumber}`,
      paragraphs: [`Your order ${tracking.orderNumber} ${words?.sentence ?? 'has news from the carrier'}.`, trackingLine(tracking)],
    };
  },
  [EmailKind.PAYMENT_REFUNDED]: ({ orderNumber, amount, reason }) => ({
    subject: orderNumber ? `Your refund for order ${orderNumber}` : 'Your refund',
    paragraphs: [
      `We have refunded ${formatMoney(amount)} for ${orderName(orderNumber)}.${because(reason)}`,
      'It can take a few business days to appear on your statement.',
    ],
  }),
  [EmailKind.MANUAL_PAYMENT_INSTRUCTIONS]: ({ orderNumber, amount, methodName, instructions, holdUntil }) => ({
    subject: orderNumber ? `How to pay for order ${orderNumber}` : 'How to pay for your order',
    paragraphs: [
      `Thank you for your order! You chose to pay ${formatMoney(amount)} for ${orderName(orderNumber)} by ${methodName}. The store's instructions:`,
      quotedInstructions(instructions) || '> (the store gave no instructions: contact it)',
      holdUntil
        ? `We hold your items until ${formatUtc(holdUntil)}; we will confirm your order as soon as the store receives your payment.`
        : 'We will confirm your order as soon as the store receives your payment.',
    ],
  }),
  [EmailKind.ACCOUNT_VERIFY_EMAIL]: ({ firstName, link, token }) => ({
    subject: 'Confirm your email address',
    paragraphs: [
      `Welcome to UltraMarket${firstName ? `, ${firstName}` : ''}! Please confirm your email address: ${link}`,
      `Or enter this code where you signed up: ${token}`,
      'The link works once and for 24 hours. If you did not sign up, ignore this email.',
    ],
  }),
  [EmailKind.ACCOUNT_PASSWORD_RESET]: ({ firstName, link, token }) => ({
    subject: 'Reset your password',
    paragraphs: [
      `${firstName ? `${firstName}, s` : 'S'}omeone (we hope you) asked to reset your UltraMarket password. Choose a new one here: ${link}`,
      `Or enter this code: ${token}`,
      'The link works once and for one hour, and signs you out everywhere. If you did not ask for it, ignore this email: your password stays as it is.',
    ],
  }),
  [EmailKind.STORE_INVITATION]: ({ storeName, role, expiresAt }) => ({
    subject: `You were invited to ${quotedText(storeName)} on UltraMarket`,
    paragraphs: [
      `You were invited to ${quotedText(storeName)} as ${staffRoleName(role)}. Sign in to UltraMarket with this email to accept; the invitation expires ${formatUtc(expiresAt)}.`,
      'If you do not know this store, ignore this email: nobody joins a store without accepting.',
    ],
  }),
  [EmailKind.CART_ABANDONED]: ({ lines, itemCount, subtotal, recoveryUrl, recoveryExpiresAt }) => ({
    subject: 'You left something in your cart',
    paragraphs: [
      `Your cart is waiting for you: ${itemCount === 1 ? '1 item' : `${itemCount} items`}, ${formatMoney(subtotal)} at today's prices.`,
      ...(lines.length > 0 ? [cartLines(lines)] : []),
      `Pick up where you left off: ${recoveryUrl}`,
      `The link works once, until ${formatUtc(recoveryExpiresAt)}. If you did not shop with us, ignore this email: nothing was ordered.`,
    ],
  }),
};

/** One line of a cart as an email lists it: `- 2 × “Heavy tee” (“M”)`; a default variant's title is left out. */
function cartLine({ title, variantTitle, quantity }: { title: string; variantTitle: string; quantity: number }): string {
  const variant = variantTitle && variantTitle !== 'Default' ? ` (${quotedText(variantTitle)})` : '';
  return `- ${quantity} × ${quotedText(title || 'An item')}${variant}`;
}

function cartLines(lines: { title: string; variantTitle: string; quantity: number }[]): string {
  const shown = lines.slice(0, CART_EMAIL_LINES).map(cartLine);
  const more = lines.length - shown.length;
  return [...shown, ...(more > 0 ? [`- and ${more} more`] : [])].join('\n');
}

const GREETING = 'Hello,';
const SIGN_OFF = 'Thank you for shopping with us,\nUltraMarket';

/** Subject and plain-text body of one email. */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailTemplateData[K]): RenderedEmail {
  const { subject, paragraphs } = (templates[kind] as Template<K>)(data);
  return { kind, subject, text: [GREETING, ...paragraphs, SIGN_OFF].join('\n\n') + '\n' };
}
