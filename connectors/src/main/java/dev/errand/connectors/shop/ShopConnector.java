package dev.errand.connectors.shop;

import dev.errand.connectors.DataOrigin;
import java.util.List;

/** The company's shop (a Taobao-style marketplace): read orders, their refund requests and their parcels. */
public interface ShopConnector {

    /**
     * Reads one order.
     *
     * @throws OrderNotFoundException if the shop has no such order
     * @throws ShopRejectedException if the shop refused the request (not retryable)
     * @throws ShopUnavailableException if the shop could not answer now (retryable)
     */
    Order order(OrderId id) throws ShopException;

    // The reads below are defaults so that a shop connector written before them still compiles; a shop
    // that does not offer one refuses it, which the employee is told, rather than failing unexpectedly.

    /**
     * Lists the seller's orders, newest first, one page at a time.
     *
     * @throws ShopRejectedException if the shop refused the query, e.g. a range it does not serve
     * @throws ShopUnavailableException if the shop could not answer now (retryable)
     */
    default OrderPage orders(OrderQuery query) throws ShopException {
        throw unsupported("listing orders");
    }

    /**
     * The buyer's refund requests on an order, oldest first; empty when there are none.
     *
     * @throws OrderNotFoundException if the shop has no such order
     * @throws ShopRejectedException if the shop refused the request (not retryable)
     * @throws ShopUnavailableException if the shop could not answer now (retryable)
     */
    default List<ShopRefund> refunds(OrderId id) throws ShopException {
        throw unsupported("reading refunds");
    }

    /**
     * The logistics trace of an order's parcel; {@link LogisticsTrace#notShipped} when it has not left.
     *
     * @throws OrderNotFoundException if the shop has no such order
     * @throws ShopRejectedException if the shop refused the request (not retryable)
     * @throws ShopUnavailableException if the shop could not answer now (retryable)
     */
    default LogisticsTrace logistics(OrderId id) throws ShopException {
        throw unsupported("tracking parcels");
    }

    private static ShopRejectedException unsupported(String what) {
        return new ShopRejectedException("unsupported", null, "this shop connector does not offer " + what, null);
    }

    DataOrigin origin();
}
