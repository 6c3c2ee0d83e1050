-- P4: the scratch database pgbench runs place-order.pgbench.sql against (bench/lib/pgbench.js creates it
-- as ultramarket_test_<namespace>_pgbench and drops it with the stack's databases).
--
-- A single-database version of the tables the order saga writes, with today's columns, keys, checks and
-- indexes of the subgraphs' migrations (orders, inventory, payments): store_id on every tenant-owned row,
-- the composite (id, store_id) keys children point at, idempotency per store, 64-bit amounts, the checkout
-- limits' partial indexes. "The equivalent SQL" pays for the same rows and index entries.
--
-- What this file does not do, because bench/lib/pgbench.js takes it from the kit's compiled migrations so it
-- follows the kit: the kit's own tables (outbox_event, processed_event, store_status) and the row-level
-- security policy function run before this file; after it, every table here with a store_id column gets the
-- kit's policy (isolateByStore), and pgbench connects as the kit's application role, which RLS binds.
-- Read models other than the price snapshot, processed-event records and notifications, which exist only
-- because the saga spans several databases, are left out.
-- `bench.products` (set by the caller) is how many products to create, each with 100000 units on hand;
-- `bench.store_id` the one store every order is placed in.

-- orders (1763769600300, 1763769605060, 1763769605100, 1763769610600, 1763769611100)
CREATE TABLE product_snapshot (
  product_id uuid PRIMARY KEY,
  store_id uuid NOT NULL,
  title varchar(255) NOT NULL,
  status varchar(16) NOT NULL,
  price_amount bigint NOT NULL,
  currency_code char(3) NOT NULL,
  version integer NOT NULL,
  -- the bench's own: how pgbench picks a random product (it has no list of uuids)
  n integer NOT NULL UNIQUE
);

CREATE TABLE store_order_counter (
  store_id uuid PRIMARY KEY,
  last_number integer NOT NULL
);

CREATE TABLE customer_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  store_id uuid NOT NULL,
  number integer NOT NULL,
  customer_id uuid,
  email varchar(320) NOT NULL,
  currency_code char(3) NOT NULL,
  subtotal_amount bigint NOT NULL,
  shipping_amount bigint NOT NULL,
  tax_amount bigint NOT NULL,
  discount_amount bigint NOT NULL,
  total_amount bigint NOT NULL CHECK (total_amount >= 0),
  shipping_address jsonb NOT NULL,
  status varchar(32) NOT NULL,
  payment_status varchar(16) NOT NULL,
  reservation_status varchar(16) NOT NULL,
  reservation_expires_at timestamptz,
  cancel_reason text,
  carrier varchar(100),
  tracking_number varchar(100),
  idempotency_key varchar(100) NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  client_address varchar(64),
  cancel_reason_code varchar(32),
  CONSTRAINT customer_order_number UNIQUE (store_id, number),
  CONSTRAINT customer_order_idempotency UNIQUE (store_id, idempotency_key),
  CONSTRAINT customer_order_store UNIQUE (id, store_id)
);
CREATE INDEX customer_order_store_created ON customer_order (store_id, created_at, id);
CREATE INDEX customer_order_store_customer_created ON customer_order (store_id, customer_id, created_at, id);
CREATE INDEX customer_order_open_by_address ON customer_order (store_id, client_address)
  WHERE customer_id IS NULL AND status IN ('CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED');
CREATE INDEX customer_order_open_by_customer ON customer_order (store_id, customer_id)
  WHERE customer_id IS NOT NULL AND status IN ('CREATED', 'PAYMENT_PENDING', 'PAYMENT_FAILED');

CREATE TABLE order_line_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES customer_order (id),
  product_id uuid NOT NULL,
  title varchar(255) NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_amount bigint NOT NULL,
  currency_code char(3) NOT NULL,
  position integer NOT NULL,
  store_id uuid NOT NULL,
  CONSTRAINT order_line_item_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id)
);
CREATE INDEX order_line_item_order ON order_line_item (order_id, position);

CREATE TABLE order_status_change (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES customer_order (id),
  status varchar(32) NOT NULL,
  message text,
  at timestamptz(3) NOT NULL DEFAULT now(),
  store_id uuid NOT NULL,
  payment_id uuid,
  CONSTRAINT order_status_change_order_store FOREIGN KEY (order_id, store_id) REFERENCES customer_order (id, store_id)
);
CREATE INDEX order_status_change_order ON order_status_change (order_id, id);

CREATE TABLE store_checkout_settings (
  store_id uuid PRIMARY KEY,
  guest_checkout_enabled boolean NOT NULL,
  require_phone_at_checkout boolean NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- inventory (1763769600200, 1763769600400, 1763769605020)
CREATE TABLE inventory_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id uuid NOT NULL UNIQUE,
  store_id uuid NOT NULL,
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  low_stock_threshold integer NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inventory_item_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX inventory_item_store ON inventory_item (store_id);

CREATE TABLE reservation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL UNIQUE,
  store_id uuid NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'RESERVED', 'COMMITTED', 'RELEASED', 'FAILED')),
  expires_at timestamptz NOT NULL,
  correlation_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservation_expiring ON reservation (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_line (
  reservation_id uuid NOT NULL REFERENCES reservation (id),
  product_id uuid NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  store_id uuid NOT NULL,
  PRIMARY KEY (reservation_id, product_id)
);

-- payments (1763769600700, 1763769605070, 1763769610700)
CREATE TABLE payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  store_id uuid NOT NULL,
  order_id uuid NOT NULL,
  customer_id text,
  email text,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency_code char(3) NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
  provider varchar(16) NOT NULL,
  idempotency_key varchar(255) NOT NULL,
  payment_method varchar(300) NOT NULL,
  provider_reference varchar(255),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT payment_store UNIQUE (id, store_id)
);
CREATE UNIQUE INDEX payment_order_idempotency ON payment (order_id, idempotency_key);
CREATE UNIQUE INDEX payment_one_active_per_order ON payment (order_id) WHERE status IN ('PENDING', 'SUCCEEDED');
CREATE INDEX payment_order_created ON payment (order_id, created_at, id);
CREATE INDEX payment_provider_reference ON payment (provider_reference) WHERE provider_reference IS NOT NULL;

CREATE TABLE payment_transaction (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES payment (id),
  type varchar(16) NOT NULL CHECK (type IN ('AUTHORIZATION', 'CAPTURE', 'SALE', 'REFUND', 'VOID')),
  status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  amount bigint NOT NULL CHECK (amount >= 0),
  currency_code char(3) NOT NULL,
  provider_reference varchar(255),
  error_code varchar(100),
  error_message text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  store_id uuid NOT NULL,
  CONSTRAINT payment_transaction_payment_store FOREIGN KEY (payment_id, store_id) REFERENCES payment (id, store_id)
);
CREATE INDEX payment_transaction_payment ON payment_transaction (payment_id, created_at);

-- one store, as in the bench stack: every order takes the same order-number counter row
INSERT INTO store_status (store_id, status, version) VALUES (current_setting('bench.store_id')::uuid, 'ACTIVE', 1);
INSERT INTO store_checkout_settings (store_id, guest_checkout_enabled, require_phone_at_checkout, version)
VALUES (current_setting('bench.store_id')::uuid, true, false, 1);

INSERT INTO product_snapshot (n, product_id, store_id, title, status, price_amount, currency_code, version)
SELECT n, gen_random_uuid(), current_setting('bench.store_id')::uuid, 'bench product ' || n, 'ACTIVE', 100 + n * 100, 'USD', 1
FROM generate_series(1, current_setting('bench.products')::int) AS n;

INSERT INTO inventory_item (product_id, store_id, on_hand)
SELECT product_id, store_id, 100000 FROM product_snapshot;
