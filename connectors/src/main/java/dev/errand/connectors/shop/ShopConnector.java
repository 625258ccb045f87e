package dev.errand.connectors.shop;

import dev.errand.connectors.DataOrigin;

/** The company's shop (a Taobao-style marketplace): read orders. */
public interface ShopConnector {

    /**
     * Reads one order.
     *
     * @throws OrderNotFoundException if the shop has no such order
     * @throws ShopRejectedException if the shop refused the request (not retryable)
     * @throws ShopUnavailableException if the shop could not answer now (retryable)
     */
    Order order(OrderId id) throws ShopException;

    DataOrigin origin();
}
