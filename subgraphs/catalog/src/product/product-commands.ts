import { managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { Product } from './product.entity';
import { ProductStatus } from './product-status';
import { ProductEvents, productEventData } from './product.events';
import { availableHandle, slugify } from './product-handle';
import { ArchiveProductPayload, CreateProductPayload, UpdateProductPayload } from './product.payloads';
import type { ArchiveProductInput, CreateProductInput, UpdateProductInput } from './product.inputs';

const UNIQUE_VIOLATION = '23505';
const HANDLE_TAKEN = (handle: string) => UserError.of('HANDLE_TAKEN', `Another product of this store already uses the handle "${handle}"`, ['input', 'handle']);
const STORE_REQUIRED = () => UserError.of('STORE_REQUIRED', 'Act for a store (a store token or X-Store-Id) to change its products');

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code === UNIQUE_VIOLATION ||
    (error as { code?: string }).code === UNIQUE_VIOLATION
  );
}

export async function createProduct(context: SubgraphContext, input: CreateProductInput): Promise<CreateProductPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateProductPayload.failed(STORE_REQUIRED());
  try {
    const product = await context.unitOfWork.run(traceOf(context), async (tx) => {
      const repository = tx.manager.getRepository(Product);
      const handle = input.handle ?? (await availableHandle(tx.manager, storeId, slugify(input.title)));
      const product = await repository.save(
        repository.create({
          storeId,
          title: input.title,
          description: input.description ?? '',
          handle,
          status: input.status ?? ProductStatus.DRAFT,
          priceAmount: input.price.amount,
          currencyCode: input.price.currencyCode,
          category: input.category ?? null,
          imageUrl: input.imageUrl ?? null,
        }),
      );
      await emitProductEvent(tx, ProductEvents.created, product);
      return product;
    });
    return CreateProductPayload.ok(product);
  } catch (error) {
    if (isUniqueViolation(error)) return CreateProductPayload.failed(HANDLE_TAKEN(input.handle ?? slugify(input.title)));
    throw error;
  }
}

export async function updateProduct(context: SubgraphContext, input: UpdateProductInput): Promise<UpdateProductPayload> {
  if (context.unitOfWork.scope === null) return UpdateProductPayload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const product = await lockOwnProduct(context, tx, input.id);
      if (!product) return UpdateProductPayload.failed(productNotFound());
      if (input.title !== undefined && input.title !== null) product.title = input.title;
      if (input.description !== undefined && input.description !== null) product.description = input.description;
      if (input.handle !== undefined && input.handle !== null) product.handle = input.handle;
      if (input.price) {
        product.priceAmount = input.price.amount;
        product.currencyCode = input.price.currencyCode;
      }
      if (input.category !== undefined) product.category = input.category ?? null;
      if (input.imageUrl !== undefined) product.imageUrl = input.imageUrl ?? null;
      if (input.status) product.status = input.status;
      const saved = await tx.manager.getRepository(Product).save(product);
      await emitProductEvent(tx, ProductEvents.updated, saved);
      return UpdateProductPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateProductPayload.failed(HANDLE_TAKEN(input.handle ?? ''));
    throw error;
  }
}

export async function archiveProduct(context: SubgraphContext, input: ArchiveProductInput): Promise<ArchiveProductPayload> {
  if (context.unitOfWork.scope === null) return ArchiveProductPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const product = await lockOwnProduct(context, tx, input.id);
    if (!product) return ArchiveProductPayload.failed(productNotFound());
    if (product.status === ProductStatus.ARCHIVED) return ArchiveProductPayload.ok(product);
    product.status = ProductStatus.ARCHIVED;
    const saved = await tx.manager.getRepository(Product).save(product);
    await emitProductEvent(tx, ProductEvents.updated, saved);
    return ArchiveProductPayload.ok(saved);
  });
}

function productNotFound(): UserError {
  return UserError.of('NOT_FOUND', 'No such product in your store', ['input', 'id']);
}

/**
 * The product, locked for this transaction, if the caller manages its store; another store's product
 * is "not found". The transaction sees only the caller's store (row-level security) and the query
 * says so too; a platform admin without a store works across stores.
 */
async function lockOwnProduct(context: SubgraphContext, tx: Tx, id: string): Promise<Product | null> {
  const storeId = context.caller.storeId;
  const product = await tx.manager.getRepository(Product).findOne({ where: storeId ? { id, storeId } : { id }, lock: { mode: 'pessimistic_write' } });
  return product && managesStore(context.caller, product.storeId) ? product : null;
}

async function emitProductEvent(tx: Tx, type: string, product: Product): Promise<void> {
  await tx.emit({ type, storeId: product.storeId, aggregateId: product.id, aggregateVersion: product.version, data: productEventData(product) });
}
