package dev.errand.connectors.shop.taobao;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.shop.LogisticsTrace;
import dev.errand.connectors.shop.Order;
import dev.errand.connectors.shop.OrderId;
import dev.errand.connectors.shop.OrderLine;
import dev.errand.connectors.shop.OrderListing;
import dev.errand.connectors.shop.OrderNotFoundException;
import dev.errand.connectors.shop.OrderPage;
import dev.errand.connectors.shop.OrderQuery;
import dev.errand.connectors.shop.RefundStatus;
import dev.errand.connectors.shop.ShopConnector;
import dev.errand.connectors.shop.ShopRefund;
import dev.errand.connectors.shop.ShopUnavailableException;
import dev.errand.connectors.shop.TraceStep;
import dev.errand.connectors.shop.TradeStatus;
import dev.errand.connectors.shop.taobao.internal.TopClient;
import dev.errand.connectors.shop.taobao.internal.TopError;
import dev.errand.connectors.shop.taobao.internal.TopJson;
import dev.errand.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Taobao Open Platform shop, md5-signed: one order with {@code taobao.trade.fullinfo.get}, listings with
 * {@code taobao.trades.sold.get}, an order's refund requests with {@code taobao.refund.get} (their ids from the
 * trade's sub-orders) and its parcel with {@code taobao.logistics.trace.search}. An answer of an unexpected shape
 * is "unavailable", never "not found".
 */
public final class TaobaoShopConnector implements ShopConnector {
    static final String TRADE_FIELDS = "tid,status,payment,buyer_nick,orders";
    static final String LIST_FIELDS = "tid,status,payment,created,buyer_nick,orders";
    /** The sub-orders carry the ids of their refunds. */
    static final String REFUND_IDS_FIELDS = "tid,orders";
    static final String REFUND_FIELDS = "refund_id,tid,oid,title,status,refund_fee,reason,has_good_return,created,modified";
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
    public OrderPage orders(OrderQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", LIST_FIELDS);
        query.status().ifPresent(status -> params.put("status", status.wireName()));
        query.createdFrom().ifPresent(from -> params.put("start_created", TopJson.format(from)));
        query.createdTo().ifPresent(to -> params.put("end_created", TopJson.format(to)));
        params.put("page_no", Integer.toString(query.page()));
        params.put("page_size", Integer.toString(query.pageSize()));
        JsonNode response;
        try {
            response = client.call("taobao.trades.sold.get", params);
        } catch (TopError error) {
            // a listing names no order, so nothing it answers means "order not found"
            throw error.toShopException();
        }
        try {
            // TOP leaves out trades when none match, but always counts them
            long total = TopJson.number(response, "total_results");
            List<OrderListing> orders = new ArrayList<>();
            for (JsonNode trade : TopJson.items(response, "trades", "trade")) {
                orders.add(new OrderListing(OrderId.of(TopJson.text(trade, "tid")),
                        TradeStatus.fromWire(trade.path("status").asText(null)), TopJson.money(trade, "payment"),
                        TopJson.time(trade, "created"), TopJson.optionalText(trade, "buyer_nick"), lines(trade)));
            }
            boolean hasNext = TopJson.flag(response, "has_next", (long) query.page() * query.pageSize() < total);
            return new OrderPage(orders, query.page(), query.pageSize(), total, hasNext);
        } catch (IllegalArgumentException e) {
            throw new ShopUnavailableException("shop returned a malformed order listing: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ShopRefund> refunds(OrderId id) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", REFUND_IDS_FIELDS);
        params.put("tid", id.value());
        JsonNode response;
        try {
            response = client.call("taobao.trade.fullinfo.get", params);
        } catch (TopError error) {
            throw error.isNotFound() ? new OrderNotFoundException(id) : error.toShopException();
        }
        JsonNode trade = response.path("trade");
        if (trade.isMissingNode() || trade.isNull()) {
            throw new OrderNotFoundException(id);
        }
        if (!trade.isObject() || !trade.has("orders")) {
            // every trade has sub-orders; without them "no refunds" would be a guess
            throw new ShopUnavailableException("shop returned a trade without sub-orders for order " + id, null);
        }
        Set<String> refundIds = new LinkedHashSet<>();
        try {
            for (JsonNode order : TopJson.items(trade, "orders", "order")) {
                String refundId = TopJson.optionalText(order, "refund_id");
                if (!refundId.isBlank() && !refundId.equals("0")) {
                    refundIds.add(refundId);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ShopUnavailableException("shop returned malformed sub-orders for order " + id + ": " + e.getMessage(), e);
        }
        List<ShopRefund> refunds = new ArrayList<>();
        for (String refundId : refundIds) {
            refunds.add(refund(id, refundId));
        }
        refunds.sort(Comparator.comparing(ShopRefund::created));
        return refunds;
    }

    private ShopRefund refund(OrderId id, String refundId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", REFUND_FIELDS);
        params.put("refund_id", refundId);
        JsonNode response;
        try {
            response = client.call("taobao.refund.get", params);
        } catch (TopError error) {
            if (error.isNotFound()) {
                // the trade names this refund, so the shop contradicts itself: not a fact about the order
                throw new ShopUnavailableException("shop named refund " + refundId + " of order " + id
                        + " but does not find it", null);
            }
            throw error.toShopException();
        }
        try {
            JsonNode refund = response.path("refund");
            if (!refund.isObject()) {
                throw new IllegalArgumentException("refund is missing");
            }
            if (!TopJson.text(refund, "tid").equals(id.value()) || !TopJson.text(refund, "refund_id").equals(refundId)) {
                throw new IllegalArgumentException("it belongs to another order or refund");
            }
            return new ShopRefund(refundId, id, TopJson.optionalText(refund, "title"),
                    RefundStatus.fromWire(refund.path("status").asText(null)), TopJson.money(refund, "refund_fee"),
                    TopJson.optionalText(refund, "reason"), TopJson.flag(refund, "has_good_return", false),
                    TopJson.time(refund, "created"), TopJson.optionalTime(refund, "modified").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ShopUnavailableException("shop returned a malformed refund " + refundId + " of order " + id
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LogisticsTrace logistics(OrderId id) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("tid", id.value());
        JsonNode response;
        try {
            response = client.call("taobao.logistics.trace.search", params);
        } catch (TopError error) {
            if (error.isNotFound()) {
                // "no trace" is said of unshipped orders too: only the trade itself tells whether the order exists
                order(id);
                return LogisticsTrace.notShipped(id);
            }
            throw error.toShopException();
        }
        try {
            String waybill = TopJson.optionalText(response, "out_sid");
            boolean hasTrace = response.has("trace_list");
            String tid = TopJson.optionalText(response, "tid");
            if (!tid.isEmpty() && !tid.equals(id.value())) {
                throw new IllegalArgumentException("it is the trace of order " + tid);
            }
            if (waybill.isBlank() && !hasTrace) {
                if (tid.isEmpty()) {
                    throw new IllegalArgumentException("it names no order, waybill or trace");
                }
                return LogisticsTrace.notShipped(id);
            }
            List<TraceStep> steps = new ArrayList<>();
            for (JsonNode step : TopJson.items(response, "trace_list", "transit_step_info")) {
                steps.add(new TraceStep(TopJson.time(step, "status_time"), TopJson.optionalText(step, "status_desc"),
                        TopJson.optionalText(step, "action")));
            }
            steps.sort(Comparator.comparing(TraceStep::time));
            return new LogisticsTrace(id, waybill, TopJson.optionalText(response, "company_name"),
                    TopJson.optionalText(response, "status"), steps);
        } catch (IllegalArgumentException e) {
            throw new ShopUnavailableException("shop returned a malformed logistics trace for order " + id + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<OrderLine> lines(JsonNode trade) {
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode item : TopJson.items(trade, "orders", "order")) {
            lines.add(new OrderLine(TopJson.text(item, "title"), item.path("num").asInt(1),
                    TopJson.money(item, "price"), item.path("refund_status").asText(null)));
        }
        return lines;
    }

    @Override
    public DataOrigin origin() {
        return DataOrigin.LIVE;
    }
}
