package dev.errand.connectors.shop;

/** The shop has no order with this id (or none this seller may see). */
public final class OrderNotFoundException extends ShopException {
    private final OrderId orderId;

    public OrderNotFoundException(OrderId orderId) {
        super("order " + orderId + " not found", false, null);
        this.orderId = orderId;
    }

    @Override
    public dev.errand.connectors.FailureKind kind() {
        return dev.errand.connectors.FailureKind.NOT_FOUND;
    }

    public OrderId orderId() {
        return orderId;
    }
}
