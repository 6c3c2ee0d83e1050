/** The analytics queries the tests send (the same documents through the gateway). */

const FIGURES = `grossSales { amount currencyCode } discounts { amount } shipping { amount } taxes { amount } totalSales { amount currencyCode }
  refunds { amount } netSales { amount } ordersCount ordersPlaced averageOrderValue { amount } units newCustomerOrders returningCustomerOrders
  cartsCreated checkoutsCompleted cartConversionRate`;

export const SALES_REPORT = `query SalesReport($input: SalesReportInput!) {
  salesReport(input: $input) {
    from to timezone currencyCode granularity
    buckets { label from to figures { ${FIGURES} } }
    totals { ${FIGURES} }
    previousPeriod { from to totals { ${FIGURES} } }
    change { netSales { difference ratio } ordersCount { difference ratio } totalSales { difference ratio } }
  }
}`;

export const TOP_PRODUCTS = `query TopProducts($input: TopProductsInput!) {
  topProducts(input: $input) { currencyCode by items { productId variantId title revenue { amount currencyCode } units } }
}`;

export const TOP_VARIANTS = `query TopVariants($input: TopProductsInput!) {
  topVariants(input: $input) { currencyCode by items { productId variantId title variantTitle revenue { amount currencyCode } units } }
}`;

export const CUSTOMER_REPORT = `query CustomerReport($input: CustomerReportInput!) {
  customerReport(input: $input) { customers newCustomers returningCustomers repeatCustomerRate averageLifetimeValue { amount currencyCode } averageOrdersPerCustomer }
}`;

export const STOCK_VALUE = `query StockValue($input: StockValueInput) {
  stockValue(input: $input) { value { amount currencyCode } units variants unpricedUnits }
}`;

export interface MoneyResult {
  amount: number;
  currencyCode?: string;
}

export interface SalesFiguresResult {
  grossSales: MoneyResult;
  discounts: MoneyResult;
  shipping: MoneyResult;
  taxes: MoneyResult;
  totalSales: MoneyResult;
  refunds: MoneyResult;
  netSales: MoneyResult;
  ordersCount: number;
  ordersPlaced: number;
  averageOrderValue: MoneyResult;
  units: number;
  newCustomerOrders: number;
  returningCustomerOrders: number;
  cartsCreated: number;
  checkoutsCompleted: number;
  cartConversionRate: number | null;
}

export interface SalesReportResult {
  from: string;
  to: string;
  timezone: string;
  currencyCode: string;
  granularity: string;
  buckets: { label: string; from: string; to: string; figures: SalesFiguresResult }[];
  totals: SalesFiguresResult;
  previousPeriod: { from: string; to: string; totals: SalesFiguresResult } | null;
  change: Record<string, { difference: number; ratio: number | null }> | null;
}

export interface TopItemsResult {
  currencyCode: string;
  by: string;
  items: { productId: string; variantId: string | null; title: string; variantTitle?: string | null; revenue: MoneyResult; units: number }[];
}
