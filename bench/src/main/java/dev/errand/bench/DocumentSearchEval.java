package dev.errand.bench;

import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.DocumentService;
import dev.errand.connectors.documents.DocumentStores;
import dev.errand.connectors.documents.Embedders;
import dev.errand.connectors.documents.NewDocument;
import dev.errand.connectors.documents.Passage;
import dev.errand.connectors.documents.Reader;
import dev.errand.connectors.documents.SearchMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Retrieval quality and cost of document search, on the evaluation set in {@code src/main/resources/eval} (40
 * documents in English and Chinese, 100 questions each with the section that answers it; made by
 * {@code eval/generate.py}). Reports recall@5 and MRR for BM25 alone, embeddings alone and their fusion; ingest
 * throughput with embeddings; and p50/p99 search latency with the index grown past 10,000 chunks by generated
 * filler documents (recall is measured again with the filler in place).
 *
 * <p>Run: {@code mvn -B -Pbench package -DskipTests -pl bench -am} then
 * {@code java -cp bench/target/benchmarks.jar dev.errand.bench.DocumentSearchEval}.
 */
public final class DocumentSearchEval {
    private static final int K = 5;
    private static final String TENANT = "acme";
    private static final Reader READER = Reader.of(TENANT, Set.of());

    private record Question(String title, String heading, String text) {
    }

    private record Quality(double recall, double mrr) {
    }

    private DocumentSearchEval() {
    }

    public static void main(String[] args) throws Exception {
        int fillerChunks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        FillerAwareEmbedder embedder = new FillerAwareEmbedder(Embedders.allMiniLmL6V2());
        try (DocumentService documents = new DocumentService(DocumentStores.inMemory(), embedder, Clock.systemUTC())) {
            Map<String, String> titles = new HashMap<>();
            // load the model before timing anything
            Embedders.allMiniLmL6V2().embed("warm up");

            long start = System.nanoTime();
            int chunks = 0;
            for (String file : lines("eval/docs/index.txt")) {
                String markdown = resource("eval/docs/" + file);
                String title = markdown.lines().findFirst().orElseThrow().substring(2).strip();
                titles.put(file.replace(".md", ""), title);
                chunks += documents.publish(TENANT, "eval", NewDocument.text(title, DocumentFormat.MARKDOWN, markdown,
                        List.of())).chunks();
            }
            double evalSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("eval set: %d documents, %d chunks, ingested in %.1f s (%.0f chunks/s)%n", titles.size(),
                    chunks, evalSeconds, chunks / evalSeconds);

            List<Question> questions = new ArrayList<>();
            for (String line : lines("eval/questions.tsv")) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                questions.add(new Question(titles.get(f[0]), f[1], f[2]));
            }
            System.out.printf("%d questions, k = %d%n%n", questions.size(), K);
            report(documents, questions, "eval set alone");

            // ingest throughput with the real model, on filler text (chunks of ~400 characters)
            start = System.nanoTime();
            int measured = fill(documents, Math.min(fillerChunks, 200), 0);
            double measuredSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%ningest with embeddings: %d filler chunks in %.1f s: %.0f chunks/s%n", measured,
                    measuredSeconds, measured / measuredSeconds);
            // the rest of the filler gets stand-in vectors, so that the index reaches its size in minutes
            embedder.standIn = true;
            start = System.nanoTime();
            int filler = measured + fill(documents, fillerChunks - measured, 1000);
            embedder.standIn = false;
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("filler: %d more chunks with stand-in vectors in %.1f s%n", filler - measured, fillSeconds);
            System.out.printf("index now holds %d chunks%n%n", filler + chunks);
            report(documents, questions, "with the filler");

            for (SearchMode mode : SearchMode.values()) {
                latency(documents, questions, mode);
            }
        }
    }

    private static void report(DocumentService documents, List<Question> questions, String label) {
        System.out.println("quality (" + label + "):");
        List<Question> english = questions.stream().filter(q -> q.text.chars().allMatch(c -> c < 0x2E80)).toList();
        List<Question> chinese = questions.stream().filter(q -> !english.contains(q)).toList();
        for (SearchMode mode : SearchMode.values()) {
            Quality q = quality(documents, questions, mode);
            Quality en = quality(documents, english, mode);
            Quality zh = quality(documents, chinese, mode);
            System.out.printf("  %-10s recall@%d = %.2f   MRR = %.3f   (English %.2f / %.3f, Chinese %.2f / %.3f)%n", mode,
                    K, q.recall, q.mrr, en.recall, en.mrr, zh.recall, zh.mrr);
        }
    }

    private static Quality quality(DocumentService documents, List<Question> questions, SearchMode mode) {
        int found = 0;
        double reciprocal = 0;
        for (Question q : questions) {
            List<Passage> passages = documents.search(READER, q.text, K, mode);
            for (int i = 0; i < passages.size(); i++) {
                Passage p = passages.get(i);
                List<String> path = p.headingPath();
                if (p.title().equals(q.title) && !path.isEmpty() && path.get(path.size() - 1).equals(q.heading)) {
                    found++;
                    reciprocal += 1.0 / (i + 1);
                    break;
                }
            }
        }
        return new Quality((double) found / questions.size(), reciprocal / questions.size());
    }

    private static void latency(DocumentService documents, List<Question> questions, SearchMode mode) {
        for (int i = 0; i < 200; i++) {
            documents.search(READER, questions.get(i % questions.size()).text, K, mode);
        }
        int rounds = 10;
        long[] nanos = new long[questions.size() * rounds];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (Question q : questions) {
                long t = System.nanoTime();
                documents.search(READER, q.text, K, mode);
                nanos[n++] = System.nanoTime() - t;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("latency %-10s p50 = %.2f ms   p99 = %.2f ms   (%d searches)%n", mode,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos.length);
    }

    /** Generated policy-like documents of 40 sections each, English and Chinese, until {@code target} chunks. */
    private static int fill(DocumentService documents, int target, int firstDocument) {
        String[] en = ("policy employee manager approval request form office system customer order payment invoice "
                + "contract supplier budget report meeting project schedule review team department training safety "
                + "equipment account access data record deadline quarter annual monthly process quality service "
                + "support delivery warehouse inventory audit compliance").split(" ");
        String[] zh = "员工 经理 审批 申请 表格 办公 系统 客户 订单 支付 发票 合同 供应商 预算 报告 会议 项目 计划 评审 团队 部门 培训 安全 设备 账户 权限 数据 记录 期限 季度 年度 月度 流程 质量 服务 支持 配送 仓库 库存 审计 合规"
                .split(" ");
        Random random = new Random(42 + firstDocument);
        int chunks = 0;
        for (int d = firstDocument; chunks < target; d++) {
            boolean chinese = d % 2 == 1;
            StringBuilder md = new StringBuilder("# Filler ").append(d).append("\n\n");
            for (int s = 0; s < 40; s++) {
                md.append("## Section ").append(s).append("\n\n");
                for (int w = 0; w < 60; w++) {
                    md.append(chinese ? zh[random.nextInt(zh.length)] : en[random.nextInt(en.length)] + " ");
                    if (w % 12 == 11) {
                        md.append(chinese ? "。" : ". ");
                    }
                }
                md.append("\n\n");
            }
            chunks += documents.publish(TENANT, "filler", NewDocument.text("Filler " + d, DocumentFormat.MARKDOWN,
                    md.toString(), List.of())).chunks();
        }
        return chunks;
    }

    /**
     * The real model, or (while {@code standIn}) random unit vectors seeded by the text: the filler only has to make
     * the index large, and embedding 10,000 chunks on a shared 2-core machine takes longer than the rest of the run.
     * Queries are always embedded by the real model.
     */
    static final class FillerAwareEmbedder implements dev.errand.connectors.documents.Embedder {
        private final dev.errand.connectors.documents.Embedder real;
        volatile boolean standIn;

        FillerAwareEmbedder(dev.errand.connectors.documents.Embedder real) {
            this.real = real;
        }

        @Override
        public int dimension() {
            return real.dimension();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            if (!standIn) {
                return real.embedAll(texts);
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                Random random = new Random(text.hashCode());
                float[] v = new float[dimension()];
                double norm = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                    norm += v[i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (v[i] / Math.sqrt(norm));
                }
                out.add(v);
            }
            return out;
        }
    }

    private static List<String> lines(String name) throws IOException {
        return resource(name).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DocumentSearchEval.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return String.join("\n", r.lines().toList());
            }
        }
    }
}
