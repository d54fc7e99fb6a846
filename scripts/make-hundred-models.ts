// Writes test/fixtures/schemas/hundred-models.prisma: a realistic 100-model SQLite schema (ten business domains of ten
// models each) used by the start-up time benchmark. Run: node --import tsx scripts/make-hundred-models.ts
//
// Each model is described in a tiny notation: `name:Type` fields, where a trailing `!` marks `@unique`, `?` makes the
// field optional, `=value` sets a static default; `->Model` adds a required foreign key, `->Model?` an optional one.
// Every model also gets an autoincrement id and createdAt/updatedAt. The output goes through Prisma's own formatter.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { merge_schemas } from '@prisma/prisma-schema-wasm';

const OUTPUT = fileURLToPath(new URL('../test/fixtures/schemas/hundred-models.prisma', import.meta.url));

const ENUMS: Record<string, string[]> = {
  MemberRole: ['owner', 'admin', 'member', 'viewer'],
  ProductStatus: ['draft', 'active', 'discontinued'],
  MovementKind: ['receipt', 'issue', 'transfer', 'adjustment'],
  OrderStatus: ['pending', 'paid', 'shipped', 'delivered', 'cancelled'],
  TicketPriority: ['low', 'normal', 'high', 'urgent'],
  PublishState: ['draft', 'review', 'published'],
  CampaignChannel: ['email', 'sms', 'push', 'social'],
  EmploymentType: ['fullTime', 'partTime', 'contractor', 'intern'],
  TaskState: ['todo', 'doing', 'blocked', 'done'],
  EntrySide: ['debit', 'credit'],
};

/** Ten domains of ten models; the first model of each domain is the one the others hang from. */
const DOMAINS: Array<[domain: string, models: Array<[name: string, spec: string, doc?: string]>]> = [
  ['Accounts', [
    ['Organization', 'name:String slug:String! plan:String=free seats:Int=5', 'A customer company; everything belongs to one.'],
    ['Team', 'name:String description:String? ->Organization'],
    ['User', 'email:String! fullName:String passwordHash:String isActive:Boolean=true lastLoginAt:DateTime? ->Organization', 'Someone who can sign in.'],
    ['Role', 'name:String! description:String?'],
    ['Permission', 'codename:String! label:String ->Role'],
    ['Membership', 'role:MemberRole=member joinedAt:DateTime ->User ->Team'],
    ['ApiKey', 'label:String prefix:String! hashedKey:String expiresAt:DateTime? ->User'],
    ['Session', 'token:String! ipAddress:String? userAgent:String? expiresAt:DateTime ->User'],
    ['Invitation', 'email:String token:String! acceptedAt:DateTime? ->Organization ->User?'],
    ['AuditLog', 'action:String objectType:String objectId:String changes:Json? ->User?'],
  ]],
  ['Catalog', [
    ['Brand', 'name:String! website:String? logoUrl:String? ->Organization?'],
    ['Category', 'name:String slug:String! position:Int=0 ->Brand?'],
    ['Product', 'name:String sku:String! description:String? status:ProductStatus=draft weight:Float? ->Brand ->Category?', 'Something we sell.'],
    ['ProductVariant', 'sku:String! title:String barcode:String? ->Product'],
    ['ProductImage', 'url:String altText:String? position:Int=0 ->Product'],
    ['Attribute', 'code:String! label:String ->Brand?'],
    ['AttributeValue', 'value:String ->Attribute ->ProductVariant'],
    ['PriceList', 'name:String! currencyCode:String validFrom:DateTime? ->Brand?'],
    ['Price', 'amount:Decimal minQuantity:Int=1 ->PriceList ->ProductVariant'],
    ['Collection', 'title:String handle:String! isPublished:Boolean=false ->Brand?'],
  ]],
  ['Inventory', [
    ['Warehouse', 'code:String! name:String city:String? ->Organization?'],
    ['Location', 'aisle:String shelf:String bin:String? ->Warehouse'],
    ['StockItem', 'quantity:Int=0 reserved:Int=0 ->Warehouse ->ProductVariant'],
    ['StockMovement', 'kind:MovementKind quantity:Int note:String? ->Warehouse ->StockItem'],
    ['Supplier', 'name:String email:String? phone:String? leadTimeDays:Int? ->Warehouse?'],
    ['PurchaseOrder', 'reference:String! orderedAt:DateTime expectedAt:DateTime? total:Decimal ->Warehouse ->Supplier'],
    ['PurchaseOrderLine', 'quantity:Int unitCost:Decimal ->Warehouse ->PurchaseOrder'],
    ['Carrier', 'name:String! trackingUrl:String? ->Warehouse?'],
    ['Shipment', 'trackingNumber:String? shippedAt:DateTime? deliveredAt:DateTime? ->Warehouse ->Carrier?'],
    ['ShipmentItem', 'quantity:Int ->Warehouse ->Shipment'],
  ]],
  ['Sales', [
    ['Customer', 'email:String! firstName:String lastName:String phone:String? acceptsMarketing:Boolean=false ->Organization?', 'A person who buys.'],
    ['Address', 'line1:String line2:String? city:String postalCode:String countryCode:String ->Customer'],
    ['Cart', 'token:String! abandonedAt:DateTime? ->Customer'],
    ['CartItem', 'quantity:Int=1 ->Customer ->Cart'],
    ['Order', 'number:String! status:OrderStatus=pending subtotal:Decimal tax:Decimal total:Decimal placedAt:DateTime ->Customer ->Address?'],
    ['OrderItem', 'quantity:Int unitPrice:Decimal discount:Decimal? ->Customer ->Order'],
    ['Payment', 'provider:String amount:Decimal capturedAt:DateTime? providerRef:String? ->Customer ->Order'],
    ['Refund', 'amount:Decimal reason:String? ->Customer ->Payment'],
    ['Invoice', 'number:String! issuedAt:DateTime dueAt:DateTime? pdfUrl:String? ->Customer ->Order?'],
    ['Coupon', 'code:String! percentOff:Int? amountOff:Decimal? expiresAt:DateTime? ->Customer?'],
  ]],
  ['Support', [
    ['Agent', 'displayName:String email:String! isAvailable:Boolean=true ->Organization?'],
    ['Sla', 'name:String! firstResponseMinutes:Int resolutionMinutes:Int ->Agent?'],
    ['Ticket', 'subject:String priority:TicketPriority=normal closedAt:DateTime? ->Agent ->Sla?', 'A support request.'],
    ['TicketMessage', 'body:String isInternal:Boolean=false ->Agent ->Ticket'],
    ['TicketTag', 'name:String! color:String? ->Agent?'],
    ['Macro', 'title:String body:String usageCount:Int=0 ->Agent'],
    ['SatisfactionSurvey', 'score:Int comment:String? ->Agent ->Ticket'],
    ['KnowledgeArticle', 'title:String slug:String! body:String views:Int=0 ->Agent'],
    ['ArticleFeedback', 'helpful:Boolean comment:String? ->Agent ->KnowledgeArticle'],
    ['Escalation', 'reason:String resolvedAt:DateTime? ->Agent ->Ticket'],
  ]],
  ['Content', [
    ['Author', 'name:String bio:String? avatarUrl:String? ->Organization?'],
    ['Page', 'title:String path:String! state:PublishState=draft ->Author'],
    ['Block', 'kind:String content:Json position:Int=0 ->Author ->Page'],
    ['Menu', 'handle:String! title:String ->Author?'],
    ['MenuItem', 'label:String url:String position:Int=0 ->Author ->Menu'],
    ['Banner', 'headline:String imageUrl:String startsAt:DateTime? endsAt:DateTime? ->Author'],
    ['Media', 'fileName:String mimeType:String sizeBytes:BigInt checksum:String? ->Author'],
    ['BlogPost', 'title:String slug:String! excerpt:String? body:String state:PublishState=draft publishedAt:DateTime? ->Author ->Media?'],
    ['BlogComment', 'authorName:String body:String approved:Boolean=false ->Author ->BlogPost'],
    ['Redirect', 'fromPath:String! toPath:String permanent:Boolean=true ->Author?'],
  ]],
  ['Marketing', [
    ['Campaign', 'name:String channel:CampaignChannel=email startsAt:DateTime? budget:Decimal? ->Organization?'],
    ['Segment', 'name:String rules:Json ->Campaign?'],
    ['Subscriber', 'email:String! confirmedAt:DateTime? unsubscribedAt:DateTime? ->Campaign?'],
    ['EmailTemplate', 'name:String! subject:String html:String ->Campaign?'],
    ['EmailSend', 'sentAt:DateTime openedAt:DateTime? clickedAt:DateTime? ->Campaign ->Subscriber'],
    ['Promotion', 'title:String discountPercent:Int endsAt:DateTime? ->Campaign'],
    ['Affiliate', 'name:String code:String! payoutEmail:String? ->Campaign?'],
    ['Referral', 'code:String! visits:Int=0 signups:Int=0 ->Campaign ->Affiliate?'],
    ['Commission', 'amount:Decimal paidAt:DateTime? ->Campaign ->Affiliate'],
    ['UtmSource', 'source:String medium:String term:String? ->Campaign'],
  ]],
  ['People', [
    ['Department', 'name:String! costCenter:String? ->Organization?'],
    ['Position', 'title:String level:Int=1 ->Department'],
    ['Employee', 'firstName:String lastName:String workEmail:String! hiredAt:DateTime type:EmploymentType=fullTime ->Department ->Position?', 'Someone on the payroll.'],
    ['Contract', 'startsOn:DateTime endsOn:DateTime? salary:Decimal ->Department ->Employee'],
    ['Timesheet', 'weekStart:DateTime hours:Float approved:Boolean=false ->Department ->Employee'],
    ['LeaveRequest', 'startsOn:DateTime endsOn:DateTime reason:String? approved:Boolean? ->Department ->Employee'],
    ['Payslip', 'period:String gross:Decimal net:Decimal ->Department ->Employee'],
    ['Benefit', 'name:String! monthlyCost:Decimal ->Department?'],
    ['PerformanceReview', 'period:String rating:Int notes:String? ->Department ->Employee'],
    ['Candidate', 'fullName:String email:String resumeUrl:String? ->Department ->Position?'],
  ]],
  ['Projects', [
    ['Project', 'name:String key:String! description:String? archived:Boolean=false ->Organization?'],
    ['Milestone', 'title:String dueOn:DateTime? ->Project'],
    ['Sprint', 'name:String startsOn:DateTime endsOn:DateTime ->Project'],
    ['Task', 'title:String state:TaskState=todo estimate:Float? ->Project ->Sprint?'],
    ['TaskComment', 'body:String ->Project ->Task'],
    ['Label', 'name:String color:String=gray ->Project'],
    ['TimeEntry', 'minutes:Int note:String? spentOn:DateTime ->Project ->Task'],
    ['Document', 'title:String body:String? ->Project'],
    ['Attachment', 'fileName:String url:String sizeBytes:BigInt? ->Project ->Document?'],
    ['Risk', 'title:String likelihood:Int impact:Int mitigation:String? ->Project'],
  ]],
  ['Finance', [
    ['Ledger', 'name:String! baseCurrency:String=EUR ->Organization?'],
    ['Currency', 'code:String! name:String decimals:Int=2 ->Ledger?'],
    ['ExchangeRate', 'rate:Decimal effectiveOn:DateTime ->Ledger ->Currency'],
    ['LedgerAccount', 'code:String! name:String isActive:Boolean=true ->Ledger'],
    ['Journal', 'name:String code:String! ->Ledger'],
    ['JournalEntry', 'side:EntrySide amount:Decimal memo:String? postedAt:DateTime ->Ledger ->Journal'],
    ['TaxRate', 'name:String percent:Decimal country:String? ->Ledger'],
    ['Budget', 'year:Int amount:Decimal ->Ledger ->LedgerAccount?'],
    ['Expense', 'description:String amount:Decimal receiptUrl:String? incurredOn:DateTime ->Ledger ->TaxRate?'],
    ['BankTransaction', 'amount:Decimal bookedOn:DateTime counterparty:String? reconciled:Boolean=false ->Ledger'],
  ]],
];

const lowerFirst = (s: string): string => s[0].toLowerCase() + s.slice(1);

interface Field { line: string }
const fieldsByModel = new Map<string, Field[]>();
const docs = new Map<string, string>();
const order: string[] = [];

for (const [, models] of DOMAINS) {
  for (const [name, , doc] of models) {
    order.push(name);
    fieldsByModel.set(name, [{ line: 'id Int @id @default(autoincrement())' }]);
    if (doc) docs.set(name, doc);
  }
}

const plural = (s: string): string =>
  /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : s.endsWith('s') ? `${s}es` : `${s}s`;

function addRelation(from: string, target: string, optional: boolean): void {
  const fieldName = lowerFirst(target);
  const q = optional ? '?' : '';
  const own = fieldsByModel.get(from)!;
  own.push({ line: `${fieldName} ${target}${q} @relation(fields: [${fieldName}Id], references: [id])` });
  own.push({ line: `${fieldName}Id Int${q}` });
  const back = fieldsByModel.get(target);
  if (!back) throw new Error(`${from} points at unknown model ${target}`);
  back.push({ line: `${plural(lowerFirst(from))} ${from}[]` });
}

for (const [, models] of DOMAINS) {
  for (const [name, spec] of models) {
    const own = fieldsByModel.get(name)!;
    for (const token of spec.split(' ')) {
      if (token.startsWith('->')) {
        const optional = token.endsWith('?');
        addRelation(name, token.slice(2).replace('?', ''), optional);
        continue;
      }
      const [fieldName, rest] = token.split(':');
      const [typeAndFlags, defaultValue] = rest.split('=');
      const unique = typeAndFlags.endsWith('!');
      const optional = typeAndFlags.endsWith('?');
      const type = typeAndFlags.replace(/[!?]$/, '');
      let line = `${fieldName} ${type}${optional ? '?' : ''}`;
      if (unique) line += ' @unique';
      if (defaultValue !== undefined) {
        const quoted = type === 'String' ? JSON.stringify(defaultValue) : defaultValue;
        line += ` @default(${quoted})`;
      }
      own.push({ line });
    }
    own.push({ line: 'createdAt DateTime @default(now())' });
    own.push({ line: 'updatedAt DateTime @updatedAt' });
  }
}

const out: string[] = [
  '// 100 models in ten business domains, for the start-up time benchmark.',
  '// Generated by scripts/make-hundred-models.ts: edit the script, not this file.',
  '',
  'generator client {',
  '  provider = "prisma-client"',
  '  output   = "../../../prisma/generated/hundred-models"',
  '}',
  '',
  'datasource db {',
  '  provider = "sqlite"',
  '}',
  '',
];
for (const [name, values] of Object.entries(ENUMS)) {
  out.push(`enum ${name} {`, ...values.map((v) => `  ${v}`), '}', '');
}
for (const name of order) {
  const doc = docs.get(name);
  if (doc) out.push(`/// ${doc}`);
  out.push(`model ${name} {`, ...fieldsByModel.get(name)!.map((f) => `  ${f.line}`), '}', '');
}

const formatted = merge_schemas(JSON.stringify({ schema: [['hundred-models.prisma', out.join('\n')]] }));
writeFileSync(OUTPUT, formatted);
console.log(`wrote ${order.length} models to ${OUTPUT}`);
