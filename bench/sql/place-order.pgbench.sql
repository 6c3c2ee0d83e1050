-- P4: "the equivalent SQL" of one order going through the saga, placeOrder → CONFIRMED, as a single
-- database would run it: four transactions that write what the saga's services write (the order, its line,
-- its history, the order-number counter, the reservation with its conditional stock update, the payment
-- and its sale, each status change with its history row, stock sold, and an outbox row per transaction),
-- each row locked the way the saga locks it, with the checks placeOrder makes (the store's checkout
-- settings, the shopper's open unpaid orders behind a per-shopper lock, the idempotency key).
-- As the services run: connected as the application role, so every statement on a tenant-owned table
-- pays for the row-level security policy, and each transaction first sets its store (`app.store_id`, the
-- kit's set_config(…, true)). The kit sends BEGIN and the set_config in one simple-protocol message;
-- pgbench's prepared mode cannot combine two statements, so here they are two round trips.
-- One pgbench client is one shopper: its own customer id and email. One script run = one CONFIRMED order.
-- Run with -M prepared -D products=N -D store_id=<uuid> (see bench/lib/pgbench.js); schema: place-order.setup.sql.
\set p random(1, :products)
\set q random(1, 3)

-- 1. placeOrder: price from the catalog read model, the shopper's open unpaid orders counted behind their
--    lock, number the order, write it with its line and history; reserve stock with a conditional update
--    (never read-then-write), record the reservation; announce it
BEGIN;
SELECT set_config('app.store_id', :store_id, true);
SELECT guest_checkout_enabled, require_phone_at_checkout FROM store_checkout_settings WHERE store_id = :store_id;
SELECT product_id, title, price_amount AS price, price_amount * :q AS total FROM product_snapshot
  WHERE store_id = :store_id AND n = :p AND status = 'ACTIVE' \gset
-- (the lock key's separators are not colons, which pgbench would read as variables)
SELECT pg_advisory_xact_lock(hashtextextended('orders/open/' || :store_id::text || '/user/' || md5(:store_id::text || :client_id::text)::uuid::text, 0));
SELECT count(*) AS open_orders FROM customer_order
  WHERE store_id = :store_id AND customer_id = md5(:store_id::text || :client_id::text)::uuid AND status IN ('CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED') \gset
INSERT INTO store_order_counter (store_id, last_number) VALUES (:store_id, 1001)
  ON CONFLICT (store_id) DO UPDATE SET last_number = store_order_counter.last_number + 1 RETURNING last_number \gset
INSERT INTO customer_order (store_id, number, customer_id, email, currency_code, subtotal_amount, shipping_amount, tax_amount,
    discount_amount, total_amount, shipping_address, status, payment_status, reservation_status, idempotency_key, client_address)
  VALUES (:store_id, :last_number, md5(:store_id::text || :client_id::text)::uuid, 'shopper-' || :client_id::text || '@example.com', 'USD',
    :total, 0, 0, 0, :total,
    '{"name":"Ada Lovelace","line1":"12 Analytical Way","city":"London","postalCode":"N1 9GU","countryCode":"GB"}',
    'CREATED', 'UNPAID', 'PENDING', gen_random_uuid()::text, NULL)
  ON CONFLICT (store_id, idempotency_key) DO NOTHING
  RETURNING id AS order_id \gset
INSERT INTO order_line_item (order_id, store_id, product_id, title, quantity, unit_price_amount, currency_code, position)
  VALUES (:order_id, :store_id, :product_id, :title, :q, :price, 'USD', 0);
INSERT INTO order_status_change (order_id, store_id, status) VALUES (:order_id, :store_id, 'CREATED');
UPDATE inventory_item SET reserved = reserved + :q, version = version + 1, updated_at = now()
  WHERE product_id = :product_id AND store_id = :store_id AND on_hand - reserved >= :q RETURNING on_hand \gset
INSERT INTO reservation (order_id, store_id, status, expires_at, correlation_id)
  VALUES (:order_id, :store_id, 'RESERVED', now() + interval '15 minutes', :order_id) RETURNING id AS reservation_id \gset
INSERT INTO reservation_line (reservation_id, store_id, product_id, quantity) VALUES (:reservation_id, :store_id, :product_id, :q);
UPDATE customer_order SET reservation_status = 'RESERVED', reservation_expires_at = now() + interval '15 minutes',
    version = version + 1, updated_at = now() WHERE id = :order_id AND store_id = :store_id;
INSERT INTO outbox_event (id, subject, envelope)
  VALUES (gen_random_uuid(), 'orders.created', jsonb_build_object('type', 'orders.created', 'orderId', :order_id::uuid, 'storeId', :store_id::uuid,
    'lines', jsonb_build_array(jsonb_build_object('productId', :product_id::uuid, 'quantity', :q::int)), 'occurredAt', now()));
COMMIT;

-- 2. processPayment, first transaction: lock the order, refuse a second active payment, record a PENDING payment
BEGIN;
SELECT set_config('app.store_id', :store_id, true);
SELECT status FROM customer_order WHERE id = :order_id AND store_id = :store_id FOR UPDATE;
SELECT count(*) AS active FROM payment WHERE order_id = :order_id AND status IN ('PENDING', 'SUCCEEDED') \gset
INSERT INTO payment (store_id, order_id, customer_id, email, amount, currency_code, status, provider, idempotency_key, payment_method)
  VALUES (:store_id, :order_id, md5(:store_id::text || :client_id::text)::uuid::text, 'shopper-' || :client_id::text || '@example.com',
    :total, 'USD', 'PENDING', 'simulated', gen_random_uuid()::text, 'card •••• 4242') RETURNING id AS payment_id \gset
UPDATE customer_order SET status = 'PAYMENT_PENDING', payment_status = 'PENDING', version = version + 1, updated_at = now()
  WHERE id = :order_id AND store_id = :store_id;
INSERT INTO order_status_change (order_id, store_id, status, payment_id) VALUES (:order_id, :store_id, 'PAYMENT_PENDING', :payment_id);
INSERT INTO outbox_event (id, subject, envelope)
  VALUES (gen_random_uuid(), 'payments.initiated', jsonb_build_object('type', 'payments.initiated', 'orderId', :order_id::uuid, 'paymentId', :payment_id::uuid, 'occurredAt', now()));
COMMIT;

-- 3. processPayment, second transaction: the provider said yes; the sale, the payment and the order's status
BEGIN;
SELECT set_config('app.store_id', :store_id, true);
SELECT status FROM payment WHERE id = :payment_id AND store_id = :store_id FOR UPDATE;
INSERT INTO payment_transaction (payment_id, store_id, type, status, amount, currency_code, provider_reference)
  VALUES (:payment_id, :store_id, 'SALE', 'SUCCEEDED', :total, 'USD', 'ch_' || md5(:payment_id::text));
UPDATE payment SET status = 'SUCCEEDED', provider_reference = 'ch_' || md5(:payment_id::text), version = version + 1, updated_at = now()
  WHERE id = :payment_id AND store_id = :store_id;
UPDATE customer_order SET status = 'PAYMENT_SUCCESS', payment_status = 'PAID', version = version + 1, updated_at = now()
  WHERE id = :order_id AND store_id = :store_id;
INSERT INTO order_status_change (order_id, store_id, status, payment_id) VALUES (:order_id, :store_id, 'PAYMENT_SUCCESS', :payment_id);
INSERT INTO outbox_event (id, subject, envelope)
  VALUES (gen_random_uuid(), 'payments.succeeded', jsonb_build_object('type', 'payments.succeeded', 'orderId', :order_id::uuid, 'paymentId', :payment_id::uuid, 'occurredAt', now()));
COMMIT;

-- 4. stock sold (leaves on-hand and reserved), reservation committed, order CONFIRMED
BEGIN;
SELECT set_config('app.store_id', :store_id, true);
SELECT status FROM customer_order WHERE id = :order_id AND store_id = :store_id FOR UPDATE;
SELECT id FROM reservation WHERE order_id = :order_id FOR UPDATE;
UPDATE inventory_item SET on_hand = on_hand - :q, reserved = reserved - :q, version = version + 1, updated_at = now()
  WHERE product_id = :product_id AND store_id = :store_id;
UPDATE reservation SET status = 'COMMITTED', updated_at = now() WHERE id = :reservation_id;
UPDATE customer_order SET status = 'CONFIRMED', reservation_status = 'COMMITTED', version = version + 1, updated_at = now()
  WHERE id = :order_id AND store_id = :store_id;
INSERT INTO order_status_change (order_id, store_id, status) VALUES (:order_id, :store_id, 'CONFIRMED');
INSERT INTO outbox_event (id, subject, envelope)
  VALUES (gen_random_uuid(), 'orders.status-changed', jsonb_build_object('type', 'orders.status-changed', 'orderId', :order_id::uuid, 'to', 'CONFIRMED', 'occurredAt', now()));
COMMIT;
