-- P4: the scratch database pgbench runs place-order.pgbench.sql against (bench/lib/pgbench.js creates it
-- as ultramarket_test_<namespace>_pgbench and drops it with the stack's databases).
--
-- A minimal single-database version of the tables the order saga writes, with the columns, keys, checks
-- and indexes of the subgraphs' migrations (orders, inventory, payments and the kit's outbox), so that
-- "the equivalent SQL" pays for the same rows and index entries. Read models, processed-event records and
-- notifications, which exist only because the saga spans several databases, are left out.
-- `bench.products` (set by the caller) is how many products to create, each with 100000 units on hand.

CREATE TABLE product_snapshot (
  n integer PRIMARY KEY,
  product_id uuid NOT NULL UNIQUE,
  store_id uuid NOT NULL,
  title varchar(255) NOT NULL,
  status varchar(16) NOT NULL,
  price_amount integer NOT NULL,
  currency_code char(3) NOT NULL,
  version integer NOT NULL
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
  subtotal_amount integer NOT NULL,
  shipping_amount integer NOT NULL,
  tax_amount integer NOT NULL,
  discount_amount integer NOT NULL,
  total_amount integer NOT NULL CHECK (total_amount >= 0),
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
  CONSTRAINT customer_order_number UNIQUE (store_id, number),
  CONSTRAINT customer_order_idempotency UNIQUE (idempotency_key)
);
CREATE INDEX customer_order_store_created ON customer_order (store_id, created_at, id);
CREATE INDEX customer_order_customer_created ON customer_order (customer_id, created_at, id);

CREATE TABLE order_line_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES customer_order (id),
  product_id uuid NOT NULL,
  title varchar(255) NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_amount integer NOT NULL,
  currency_code char(3) NOT NULL,
  position integer NOT NULL
);
CREATE INDEX order_line_item_order ON order_line_item (order_id, position);

CREATE TABLE order_status_change (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES customer_order (id),
  status varchar(32) NOT NULL,
  message text,
  at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX order_status_change_order ON order_status_change (order_id, id);

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
  PRIMARY KEY (reservation_id, product_id)
);

CREATE TABLE payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  store_id uuid NOT NULL,
  order_id uuid NOT NULL,
  customer_id text,
  email text,
  amount integer NOT NULL CHECK (amount >= 0),
  currency_code char(3) NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
  provider varchar(16) NOT NULL,
  idempotency_key varchar(255) NOT NULL,
  payment_method varchar(300) NOT NULL,
  provider_reference varchar(255),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
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
  amount integer NOT NULL CHECK (amount >= 0),
  currency_code char(3) NOT NULL,
  provider_reference varchar(255),
  error_code varchar(100),
  error_message text,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX payment_transaction_payment ON payment_transaction (payment_id, created_at);

CREATE TABLE outbox_event (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  subject text NOT NULL,
  envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- one store, as in the bench stack: every order takes the same order-number counter row
INSERT INTO product_snapshot (n, product_id, store_id, title, status, price_amount, currency_code, version)
SELECT n, gen_random_uuid(), '00000000-0000-4000-8000-00000000b0b0', 'bench product ' || n, 'ACTIVE', 100 + n * 100, 'USD', 1
FROM generate_series(1, current_setting('bench.products')::int) AS n;

INSERT INTO inventory_item (product_id, store_id, on_hand)
SELECT product_id, store_id, 100000 FROM product_snapshot;

ANALYZE;
