package dev.errand.connectors.shop.taobao;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.shop.taobao.internal.TopClient;
import dev.errand.connectors.shop.taobao.internal.TopError;
import dev.errand.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads orders from a Taobao Open Platform shop with {@code taobao.trade.fullinfo.get}, md5-signed. */
public final class TaobaoShopConnector implements ShopConnector {
    static final String TRADE_FIELDS = "tid,status,payment,buyer_nick,orders";
    /** TOP amounts are yuan. */
    private static final String CURRENCY = "CNY";

    private final TopClient client;

    public TaobaoShopConnector(TopSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public TaobaoShopConnector(TopSettings settings, Clock clock) {
        this.client = new TopClient(settings, clock);
    }

    /** With the application's meter registry, so the SDK's call metrics reach {@code /q/metrics}. */
    public TaobaoShopConnector(TopSettings settings, Clock clock, MeterRegistry meters) {
        this.client = new TopClient(settings, clock, meters);
    }

    @Override
    public Order order(OrderId id) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", TRADE_FIELDS);
        params.put("tid", id.value());
        JsonNode response;
        try {
            response = client.call("taobao.trade.fullinfo.get", params, "trade");
        } catch (TopError error) {
            throw error.isNotFound() ? new OrderNotFoundException(id) : error.toShopException();
        }
        JsonNode trade = response.path("trade");
        if (trade.isMissingNode() || trade.isNull()) {
            // TOP's own envelope, answering this call, without a trade
            throw new OrderNotFoundException(id);
        }
        if (!trade.isObject()) {
            throw new ShopUnavailableException("shop answered order " + id + " with a trade that is not an object", null);
        }
        return toOrder(id, trade);
    }

    private static Order toOrder(OrderId id, JsonNode trade) {
        try {
            List<OrderLine> lines = new ArrayList<>();
            JsonNode orders = trade.path("orders");
            JsonNode items = orders.isArray() ? orders : orders.path("order");
            for (JsonNode item : items) {
                lines.add(new OrderLine(item.path("title").asText(), item.path("num").asInt(1),
                        Money.of(item.path("price").asText(), CURRENCY), item.path("refund_status").asText(null)));
            }
            return new Order(id, trade.path("status").asText(), lines,
                    Money.of(trade.path("payment").asText(), CURRENCY), trade.path("buyer_nick").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ShopUnavailableException("shop returned a malformed trade for order " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.LIVE;
    }
}
