import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Role, type SubgraphContext } from '@ultramarket/kit';
import { CustomerReportInput, SalesReportInput, StockValueInput, TopProductsInput } from './period/report.inputs';
import { SalesReport } from './sales/sales-report.type';
import { salesReport } from './sales/sales-report';
import { TopProductsReport } from './products/top-products.type';
import { topSellers } from './products/top-products';
import { CustomerReport } from './customers/customer-report.type';
import { customerReport } from './customers/customer-report';
import { StockValue } from './stock/stock-value.type';
import { stockValue } from './stock/stock-value';

/** The store's staff (and platform admins naming the store) read its analytics; every figure comes from rollups. */
@Resolver()
export class AnalyticsResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => SalesReport, {
    description: 'Sales of the caller’s store by store-local day, ISO week or month, with totals and optionally the previous period’s and the change.',
  })
  salesReport(@Arg('input', { description: 'The period, granularity and comparison.' }) input: SalesReportInput, @Ctx() context: SubgraphContext) {
    return salesReport(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => TopProductsReport, { description: 'The caller’s store’s best-selling products (variants summed) in a period, by revenue or units.' })
  topProducts(@Arg('input', { description: 'The period and ranking.' }) input: TopProductsInput, @Ctx() context: SubgraphContext) {
    return topSellers(context, input, 'PRODUCT');
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => TopProductsReport, { description: 'The caller’s store’s best-selling variants in a period, by revenue or units.' })
  topVariants(@Arg('input', { description: 'The period and ranking.' }) input: TopProductsInput, @Ctx() context: SubgraphContext) {
    return topSellers(context, input, 'VARIANT');
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => CustomerReport, { description: 'New and returning customers, repeat rate and lifetime value of the caller’s store’s buyers in a period.' })
  customerReport(@Arg('input', { description: 'The period.' }) input: CustomerReportInput, @Ctx() context: SubgraphContext) {
    return customerReport(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => StockValue, { description: 'The value of the caller’s store’s stock on hand now, at current prices.' })
  stockValue(
    @Arg('input', () => StockValueInput, { nullable: true, description: 'The currency; the store’s when absent.' }) input: StockValueInput | null,
    @Ctx() context: SubgraphContext,
  ) {
    return stockValue(context, input);
  }
}
