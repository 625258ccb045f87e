#!/usr/bin/env python3
"""Writes the evaluation set: docs/*.md (40 company-policy documents, English and Chinese) and questions.tsv
(100 questions, each with the document and section heading of the passage that answers it).
Run from this directory: python3 generate.py"""
import os

# (file, title, [(heading, text), ...], [(section index, question), ...])
DOCS = [
("en-refunds", "Refund Policy", [
 ("Damaged goods", "Goods that arrive damaged are refunded in full, including the original shipping fee. The customer must report the damage with a photo within 7 days of delivery."),
 ("Change of mind", "Customers who change their mind may return unused items within 14 days. The refund excludes the original shipping fee and the customer pays for the return parcel."),
 ("Refund timing", "Approved refunds are sent to the original payment method within 3 business days. Alipay refunds usually arrive the same day; bank cards can take up to 10 days."),
], [(0, "What happens when a customer receives a broken item?"), (1, "Can a buyer send back something they no longer want, and who pays return postage?"), (2, "How long until the money of a refund reaches a bank card?")]),
("en-shipping", "Shipping Guidelines", [
 ("Carriers", "We ship with SF Express for orders above 300 CNY and with ZTO for all other orders. Customers may pay a surcharge of 15 CNY to choose SF Express on smaller orders."),
 ("Lost parcels", "A parcel with no tracking update for 10 days is treated as lost. Support opens a claim with the carrier and sends a replacement without waiting for the claim."),
 ("International", "International orders ship only to Hong Kong, Macau, Taiwan and Singapore. Import duties are paid by the recipient."),
], [(0, "Which courier company is used for big orders?"), (1, "When is a package considered lost and what do we do?")]),
("en-travel", "Business Travel Policy", [
 ("Flights", "Employees fly economy class on all flights shorter than 6 hours. Business class needs approval from a vice president and is only allowed for longer flights."),
 ("Hotels", "The hotel limit is 600 CNY per night in Beijing, Shanghai and Shenzhen, and 400 CNY per night in other cities."),
 ("Per diem", "A daily allowance of 150 CNY covers meals and local transport on travel days. Receipts are not needed for the allowance."),
], [(0, "May I book business class for a three hour flight?"), (1, "What is the maximum nightly room rate in Shanghai?"), (2, "How much daily meal allowance do I get on a business trip?")]),
("en-expenses", "Expense Reimbursement", [
 ("Submitting claims", "Expense claims are submitted in the finance portal within 30 days of the expense, with a scanned receipt for every item above 50 CNY."),
 ("Client entertainment", "Client dinners are limited to 300 CNY per guest and need the client company name on the claim. Alcohol above 200 CNY per bottle is not reimbursed."),
 ("Payment", "Approved claims are paid with the next monthly salary. Claims approved after the 20th of a month are paid a month later."),
], [(0, "What is the deadline to file an expense claim?"), (1, "Is there a limit on how much I can spend per person when taking a customer to dinner?")]),
("en-leave", "Annual Leave", [
 ("Entitlement", "Full-time employees receive 15 days of paid annual leave per year, rising to 20 days after five years of service."),
 ("Carry over", "Up to 5 unused days may be carried into the next year and must be used before the end of March; the rest expires."),
 ("Booking leave", "Leave of more than 3 consecutive days must be requested two weeks in advance in the HR system and approved by the manager."),
], [(0, "How many vacation days do new full-time staff get?"), (1, "What happens to holiday days I did not use this year?"), (2, "How early must I ask for a one week vacation?")]),
("en-sick", "Sick Leave", [
 ("Paid sick days", "Employees have 10 paid sick days per year. Sick days do not carry over."),
 ("Medical certificate", "A doctor's note is required for sick leave longer than 2 consecutive days. Upload it to the HR system within a week of returning."),
 ("Long illness", "After 10 sick days, further sick leave is paid at 80 percent of salary for up to 6 months."),
], [(1, "When do I need a doctor's note for being ill?"), (2, "What pay do I get if I'm sick for more than ten days?")]),
("en-remote", "Remote Work Policy", [
 ("Eligibility", "Employees who have passed probation may work from home up to 2 days a week, agreed with their manager."),
 ("Equipment at home", "The company pays a one-time home office allowance of 1,000 CNY for a chair or desk. Monitors can be borrowed from IT."),
 ("Working hours", "Remote workers must be reachable on chat between 10:00 and 16:00 local time."),
], [(0, "How many days per week can I work from home?"), (1, "Will the company pay for a desk for my home office?"), (2, "What are the core hours when remote staff must be online?")]),
("en-security", "Information Security", [
 ("Laptops", "Company laptops must use full-disk encryption and lock automatically after 5 minutes of inactivity."),
 ("Phishing", "Report suspicious emails with the Report Phishing button. Never enter your password on a page reached from an email link."),
 ("Lost devices", "A lost or stolen laptop or phone must be reported to the IT service desk within 1 hour so it can be wiped remotely."),
], [(2, "My laptop was stolen, what do I do and how fast?"), (1, "What should I do with a suspicious email?")]),
("en-passwords", "Password Policy", [
 ("Length", "Passwords must have at least 14 characters. Passphrases of four or more random words are recommended."),
 ("Rotation", "Passwords are changed only when a compromise is suspected, not on a fixed schedule."),
 ("Two-factor authentication", "Two-factor authentication with the company authenticator app is mandatory for email, VPN and the code repository."),
], [(0, "What is the minimum password length?"), (2, "Which systems require 2FA?"), (1, "Do we have to change passwords every 90 days?")]),
("en-privacy", "Customer Data Privacy", [
 ("Access", "Customer personal data may be accessed only to handle a specific order or support ticket. Bulk exports need approval from the data protection officer."),
 ("Retention", "Order data is kept for 3 years after the last order, then anonymised. Chat transcripts are deleted after 180 days."),
 ("Data requests", "Requests from customers to see or delete their data are answered within 15 days by the privacy team."),
], [(1, "How long do we keep chat transcripts?"), (2, "A customer wants their data deleted, how long do we have to respond?")]),
("en-procurement", "Procurement Rules", [
 ("Quotes", "Purchases above 20,000 CNY need three written quotes from different suppliers."),
 ("Approval levels", "Team leads approve purchases up to 5,000 CNY, department heads up to 50,000 CNY, and the CFO above that."),
 ("Preferred suppliers", "Office supplies and IT hardware are bought from preferred suppliers listed in the procurement portal."),
], [(0, "How many quotations are needed for a 30,000 CNY purchase?"), (1, "Who can approve buying something for 40,000 CNY?"), (2, "Where do I buy a new keyboard?")]),
("en-conduct", "Code of Conduct", [
 ("Gifts", "Employees may accept gifts from suppliers worth up to 200 CNY. Anything above must be declared to compliance and usually returned."),
 ("Conflicts of interest", "Any financial interest in a supplier or competitor must be disclosed to HR in writing."),
 ("Speaking up", "Misconduct can be reported anonymously through the ethics hotline; retaliation against reporters is forbidden."),
], [(0, "Can I keep a present from a vendor?"), (2, "How can I report misconduct without giving my name?")]),
("en-onboarding", "New Employee Onboarding", [
 ("First day", "New employees arrive at 9:30 on their first day and receive their laptop and badge at the reception desk."),
 ("Buddy", "Every new hire is paired with a buddy from their team for the first 3 months."),
 ("Probation", "The probation period is 3 months. The manager holds a review meeting in the last two weeks of probation."),
], [(0, "Where do new starters pick up their laptop?"), (2, "How long is the probation period?"), (1, "Who helps newcomers settle in during their first months?")]),
("en-performance", "Performance Reviews", [
 ("Cycle", "Performance reviews take place twice a year, in June and December."),
 ("Ratings", "Ratings use a five-point scale from 1 (below expectations) to 5 (exceptional)."),
 ("Salary increases", "Salary increases are decided once a year in the December review and take effect in January."),
], [(0, "When are performance appraisals held?"), (2, "When do pay rises take effect?")]),
("en-equipment", "IT Equipment", [
 ("Standard laptop", "Engineers receive a 16-inch laptop with 32 GB of memory; other staff receive a 14-inch laptop with 16 GB."),
 ("Replacement", "Laptops are replaced every 4 years, or earlier if repair would cost more than half of a new one."),
 ("Returning equipment", "All equipment is returned to IT on the last working day; unreturned items are deducted from the final salary."),
], [(1, "How often do we get a new laptop?"), (0, "How much RAM does an engineer's laptop have?"), (2, "What happens if I leave and don't return my monitor?")]),
("en-parking", "Office Parking", [
 ("Parking spaces", "The garage has 40 spaces assigned by a monthly lottery. Electric vehicles may use the 6 charging spaces for up to 4 hours."),
 ("Bicycles", "Bicycles are parked in the basement bike room, which is opened with the employee badge."),
 ("Visitors", "Visitor parking is booked by the host at reception at least one day ahead."),
], [(0, "How are car parking spots allocated?"), (1, "Where can I leave my bike?")]),
("en-complaints", "Customer Complaints", [
 ("Response time", "Every complaint receives a first answer within 24 hours, including weekends."),
 ("Escalation", "Complaints that mention legal action or the media are escalated to the support manager immediately."),
 ("Goodwill vouchers", "Support agents may offer a goodwill voucher of up to 50 CNY without approval."),
], [(0, "How quickly must we reply to a complaint?"), (2, "What compensation can an agent give without asking anyone?"), (1, "A customer threatens to sue, who handles it?")]),
("en-warranty", "Product Warranty", [
 ("Coverage", "Electronics carry a 12-month warranty from the delivery date covering manufacturing defects."),
 ("Exclusions", "Water damage, drops and repairs by third parties are not covered by the warranty."),
 ("Claims", "Warranty claims need the order number and a video of the defect; approved claims get a repair or a replacement within 10 days."),
], [(0, "How long is the warranty for electronic products?"), (1, "Is a phone that fell into water covered?")]),
("en-invoices", "Customer Invoices", [
 ("Issuing invoices", "Electronic VAT invoices (fapiao) are issued within 2 business days after the customer requests one."),
 ("Corrections", "A wrong invoice is voided and reissued; invoices older than 180 days cannot be corrected."),
 ("Company details", "Business customers must provide their tax ID and company name exactly as registered."),
], [(0, "When will a customer receive the fapiao they asked for?"), (1, "Can an invoice from last year be fixed?"), (2, "What information does a company buyer need to give for an invoice?")]),
("en-training", "Training Budget", [
 ("Annual budget", "Each employee has a training budget of 5,000 CNY per year for courses, books and conferences."),
 ("Certifications", "The company pays exam fees for job-related certifications, including one retake."),
 ("Study leave", "Up to 3 paid study days per year may be taken for exams."),
], [(0, "How much money can I spend on courses each year?"), (1, "Will the company pay if I fail a certification exam and retake it?")]),
# ---- Chinese ----
("zh-returns", "退货政策", [
 ("七天无理由退货", "顾客在签收后七天内可以无理由退货，商品须保持完好、不影响二次销售。"),
 ("退货运费", "因质量问题退货的，运费由商家承担；无理由退货的运费由买家承担。"),
 ("退款方式", "退款原路返回，支付宝一般当天到账，银行卡需要三到五个工作日。"),
], [(1, "退货运费谁承担？"), (0, "签收后多久内可以无理由退货？"), (2, "退款退到银行卡要几天？")]),
("zh-freight", "运费规则", [
 ("包邮标准", "订单满九十九元包邮，不满九十九元收取八元运费。"),
 ("偏远地区", "新疆、西藏、青海地区每单加收二十元运费。"),
 ("加急配送", "加急配送另收十五元，使用顺丰次日达。"),
], [(0, "买多少钱可以免运费？"), (1, "寄到西藏要额外付多少运费？")]),
("zh-travel", "出差管理办法", [
 ("交通标准", "出差乘坐高铁二等座，单程超过六小时可以乘坐飞机经济舱。"),
 ("住宿标准", "一线城市住宿标准每晚五百元，其他城市每晚三百五十元。"),
 ("出差补贴", "出差期间每天发放一百元伙食补贴，无需提供发票。"),
], [(0, "出差可以坐飞机吗？"), (1, "在北京出差酒店每晚最多报多少钱？"), (2, "出差每天有多少餐补？")]),
("zh-reimburse", "费用报销制度", [
 ("报销时限", "费用发生后六十天内必须提交报销申请，逾期不予报销。"),
 ("发票要求", "报销必须提供合规的增值税发票，抬头必须为公司全称。"),
 ("审批流程", "五千元以下由部门经理审批，五千元以上需财务总监审批。"),
], [(0, "报销申请最晚什么时候交？"), (2, "一万元的报销需要谁批准？")]),
("zh-annual", "年假制度", [
 ("年假天数", "工作满一年不满十年的员工每年享有五天带薪年假，满十年的享有十天。"),
 ("年假申请", "休年假需提前三个工作日在人事系统中提交申请。"),
 ("未休年假", "当年未休完的年假可顺延至次年三月底，逾期作废。"),
], [(0, "工作三年有几天年假？"), (2, "今年没休完的年假怎么处理？"), (1, "请年假要提前几天申请？")]),
("zh-sick", "病假规定", [
 ("病假证明", "连续病假超过两天的，需提供二级以上医院的诊断证明。"),
 ("病假工资", "病假期间按本人工资的百分之八十发放病假工资。"),
 ("长期病假", "连续病假超过三个月的，按医疗期相关规定处理。"),
], [(1, "请病假工资怎么算？"), (0, "病假需要提供什么证明？")]),
("zh-overtime", "加班管理规定", [
 ("加班审批", "加班须提前由直属上级在系统中审批，未经审批的加班不计算加班费。"),
 ("加班费标准", "工作日加班按一点五倍工资支付，休息日加班优先安排调休，法定节假日加班按三倍工资支付。"),
 ("调休期限", "调休须在加班后三个月内使用完毕。"),
], [(1, "国庆节加班工资是多少倍？"), (0, "加班需要谁批准？"), (2, "加班换来的调休多久要用掉？")]),
("zh-infosec", "信息安全管理规定", [
 ("密码要求", "系统密码长度不少于十二位，须包含大小写字母、数字和特殊字符。"),
 ("外部存储", "禁止使用个人U盘拷贝公司数据，确需拷贝的须使用公司加密U盘。"),
 ("安全事件", "发现病毒或数据泄露，须在三十分钟内报告信息安全部。"),
], [(0, "电脑密码至少要几位？"), (1, "可以用自己的U盘拷文件吗？")]),
("zh-attendance", "考勤制度", [
 ("工作时间", "公司实行弹性工作制，上班时间为八点半至十点之间，每天工作八小时。"),
 ("迟到处理", "每月迟到超过三次的，扣除当月全勤奖二百元。"),
 ("打卡方式", "员工通过钉钉进行上下班打卡，忘记打卡须当天提交补卡申请。"),
], [(0, "早上几点之前必须到公司？"), (1, "迟到几次会扣全勤奖？"), (2, "忘记打卡怎么办？")]),
("zh-purchase", "采购管理流程", [
 ("询价要求", "单笔采购金额超过一万元的，须向至少三家供应商询价比价。"),
 ("合同签订", "采购金额超过五万元的须签订书面合同，并经法务部审核。"),
 ("验收付款", "货物验收合格后，财务在三十天内向供应商付款。"),
], [(0, "采购多少钱以上要比价？"), (1, "什么情况下采购合同需要法务审核？")]),
("zh-benefits", "员工福利", [
 ("节日福利", "春节、端午节和中秋节每人发放价值五百元的节日礼品。"),
 ("体检", "公司每年为员工安排一次免费体检，体检时间为每年九月。"),
 ("生日福利", "员工生日当月发放三百元生日礼金。"),
], [(1, "公司每年的免费体检是什么时候？"), (2, "过生日公司有什么福利？"), (0, "中秋节发什么福利？")]),
("zh-supplies", "办公用品管理", [
 ("领用流程", "办公用品每周三下午在行政部统一领用，需在OA系统提前登记。"),
 ("电子设备", "显示器、键盘等电子设备由IT部门负责采购和发放。"),
 ("耗材节约", "打印默认双面黑白，彩色打印须经部门经理同意。"),
], [(0, "什么时候可以领取办公用品？"), (2, "可以彩色打印吗？")]),
("zh-meeting", "会议室预订规定", [
 ("预订方式", "会议室通过钉钉日程预订，单次预订不超过三小时。"),
 ("取消规则", "不使用的会议室须提前一小时取消，连续三次未使用将暂停预订权限一周。"),
 ("大会议室", "容纳五十人以上的大会议室须经行政部审批后使用。"),
], [(0, "会议室一次最多能订多长时间？"), (1, "订了会议室不去会怎么样？"), (2, "用大会议室需要审批吗？")]),
("zh-complaint", "客户投诉处理办法", [
 ("响应时限", "客户投诉须在二小时内首次响应，四十八小时内给出处理方案。"),
 ("投诉升级", "涉及媒体曝光或法律纠纷的投诉，须立即上报客服主管。"),
 ("补偿标准", "客服专员可自行决定发放不超过五十元的优惠券作为补偿。"),
], [(0, "客户投诉多久内要回复？"), (2, "客服可以直接给客户多少补偿？")]),
("zh-fapiao", "发票管理办法", [
 ("开票时限", "客户申请发票后，财务在三个工作日内开具电子发票。"),
 ("发票抬头", "企业客户开具增值税专用发票须提供税号、开户行及账号。"),
 ("红冲处理", "发票开错需红冲重开，跨年度发票原则上不予红冲。"),
], [(0, "申请发票后几天能开出来？"), (2, "去年开错的发票还能改吗？"), (1, "开专票需要客户提供哪些信息？")]),
("zh-probation", "试用期管理", [
 ("试用期期限", "劳动合同期限三年以上的，试用期为六个月。"),
 ("试用期工资", "试用期工资为转正工资的百分之八十。"),
 ("转正评估", "试用期结束前两周，由部门经理进行转正评估。"),
], [(1, "试用期工资打几折？"), (0, "签三年合同试用期多长？")]),
("zh-resign", "离职管理流程", [
 ("提前通知", "正式员工离职须提前三十天以书面形式通知公司，试用期员工提前三天。"),
 ("工作交接", "离职员工须在最后工作日前完成工作交接，并由部门经理签字确认。"),
 ("离职证明", "公司在员工离职当天出具离职证明。"),
], [(0, "辞职要提前多久说？"), (2, "离职证明什么时候给？"), (1, "离职前工作交接要谁签字？")]),
("zh-training", "培训管理制度", [
 ("新员工培训", "新员工入职第一周参加为期两天的入职培训。"),
 ("外部培训", "参加费用超过五千元的外部培训，须签订服务期协议，服务期为一年。"),
 ("培训考核", "培训结束后须通过考核，未通过者须自费补考。"),
], [(1, "公司出钱让我去培训，有服务期要求吗？"), (0, "入职培训有几天？")]),
("zh-secrecy", "保密管理规定", [
 ("保密范围", "客户名单、产品价格、源代码和财务数据均属于公司商业秘密。"),
 ("对外沟通", "员工不得在社交媒体上发布公司未公开的业务信息。"),
 ("违规处理", "泄露商业秘密的，公司将解除劳动合同并追究法律责任。"),
], [(0, "哪些信息属于商业秘密？"), (2, "泄露公司机密会有什么后果？"), (1, "能在朋友圈发公司的新产品消息吗？")]),
("zh-holidays", "节假日安排", [
 ("法定节假日", "公司按国家规定安排元旦、春节、清明、劳动节、端午、中秋和国庆假期。"),
 ("春节额外假期", "春节期间公司在法定假期基础上额外增加两天带薪假。"),
 ("值班安排", "节假日期间客服部门安排轮流值班，值班人员按加班规定发放补贴。"),
], [(1, "春节有额外放假吗？"), (2, "过节期间客服需要值班吗？")]),
]

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "docs"), exist_ok=True)
questions = []
for file, title, sections, qs in DOCS:
    with open(os.path.join(here, "docs", file + ".md"), "w", encoding="utf-8") as f:
        f.write("# " + title + "\n\n")
        for heading, text in sections:
            f.write("## " + heading + "\n\n" + text + "\n\n")
    for index, question in qs:
        questions.append((file, sections[index][0], question))
with open(os.path.join(here, "docs", "index.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(d[0] + ".md" for d in DOCS) + "\n")
assert len(DOCS) >= 40, len(DOCS)
assert len(questions) >= 100, len(questions)
with open(os.path.join(here, "questions.tsv"), "w", encoding="utf-8") as f:
    f.write("# document\tsection heading of the answering passage\tquestion\n")
    for row in questions:
        f.write("\t".join(row) + "\n")
print(len(DOCS), "documents,", len(questions), "questions")
