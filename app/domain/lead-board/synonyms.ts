/*
 * The words people write on good/bad-lead sticky notes, mapped to one canonical word each.
 *
 * This list is maintained by hand, on purpose: the facilitator has to be able to explain why
 * two notes were grouped ("'CFO' and 'VP finance' both mean finance-exec"), which a learned
 * model cannot do. When the matcher misses a pairing in a real workshop, add the phrase here
 * and a pair to test/unit/lead-board/matcher.test.ts.
 *
 * Phrases are written in plain lower case; the matcher tokenises and stems them exactly like
 * trait text, so "requested a demo" also matches "Requests demo". The longest phrase wins, so
 * "budget holder" (a buying role) beats "budget". Canonical words are hyphenated so that a
 * canonical word never collides with an ordinary word of a trait.
 */

export type Synonym = { canonical: string; phrases: readonly string[] }

export const SYNONYMS: readonly Synonym[] = [
  // --- Seniority. Department executives get their own word: a CFO says both "c-level" and "finance".
  {
    canonical: 'finance-exec',
    phrases: ['cfo', 'chief financial officer', 'vp finance', 'vp of finance', 'finance vp', 'finance director', 'director of finance', 'head of finance', 'finance head', 'finance lead'],
  },
  {
    canonical: 'marketing-exec',
    phrases: ['cmo', 'chief marketing officer', 'vp marketing', 'vp of marketing', 'marketing vp', 'marketing director', 'director of marketing', 'head of marketing', 'marketing head', 'marketing lead', 'head of growth'],
  },
  {
    canonical: 'sales-exec',
    phrases: ['cro', 'chief revenue officer', 'chief sales officer', 'vp sales', 'vp of sales', 'sales vp', 'sales director', 'director of sales', 'head of sales', 'sales head', 'sales leader'],
  },
  {
    canonical: 'it-exec',
    phrases: ['cio', 'cto', 'ciso', 'chief information officer', 'chief technology officer', 'vp infotech', 'vp of infotech', 'infotech director', 'director of infotech', 'head of infotech', 'vp engineering', 'vp of engineering', 'head of engineering'],
  },
  {
    canonical: 'hr-exec',
    phrases: ['chro', 'chief people officer', 'chief human resources officer', 'vp hr', 'vp of hr', 'hr director', 'director of hr', 'head of hr', 'head of people'],
  },
  {
    canonical: 'ops-exec',
    phrases: ['coo', 'chief operating officer', 'vp operations', 'vp of operations', 'operations director', 'director of operations', 'head of operations', 'head of ops'],
  },
  {
    canonical: 'c-level',
    phrases: ['c level', 'clevel', 'c suite', 'csuite', 'cxo', 'ceo', 'chief executive', 'chief executive officer', 'founder', 'co founder', 'cofounder', 'business owner', 'company owner', 'owner of the company', 'managing director', 'president', 'executive', 'exec', 'top management', 'board member', 'geschaftsfuhrer'],
  },
  // "Owner" alone is not a rank: a "private car owner" or a "budget owner" is no CEO. An account executive sells.
  { canonical: 'sales-rep', phrases: ['account executive', 'account exec', 'sales rep', 'sales representative', 'sales development rep', 'sales development representative', 'business development rep', 'business development representative'] },
  { canonical: 'vp', phrases: ['vp', 'vice president', 'svp', 'evp', 'senior vice president'] },
  { canonical: 'director', phrases: ['director', 'head of', 'department head', 'senior director'] },
  { canonical: 'manager', phrases: ['manager', 'mgr', 'team lead', 'team leader', 'supervisor', 'line manager', 'product owner'] },
  {
    canonical: 'individual-contributor',
    phrases: ['individual contributor', 'ic', 'specialist', 'analyst', 'coordinator', 'assistant', 'executive assistant', 'junior', 'entry level', 'practitioner', 'rep', 'representative', 'developer', 'designer', 'clerk'],
  },
  { canonical: 'student', phrases: ['student', 'university student', 'phd student', 'graduate student', 'grad student'] },
  { canonical: 'intern', phrases: ['intern', 'internship', 'trainee', 'apprentice', 'working student', 'werkstudent'] },

  // --- Buying role (who decides), kept apart from seniority: a manager can hold the budget.
  {
    canonical: 'decision-maker',
    phrases: ['decision maker', 'decisionmaker', 'decision making', 'budget holder', 'budget owner', 'economic buyer', 'signing authority', 'sign the contract', 'final say', 'final decision', 'authority', 'key decider'],
  },
  { canonical: 'influencer', phrases: ['influencer', 'recommender'] },
  { canonical: 'champion', phrases: ['champion', 'internal champion', 'internal advocate'] },
  { canonical: 'end-user', phrases: ['end user', 'enduser'] },

  // --- Departments.
  { canonical: 'marketing', phrases: ['marketing', 'marketer', 'demand gen', 'demand generation', 'growth marketing'] },
  { canonical: 'sales', phrases: ['sales', 'seller', 'salespeople', 'salesperson', 'business development', 'bizdev'] },
  { canonical: 'finance', phrases: ['finance', 'accounting', 'accountant', 'controller', 'controlling', 'treasury', 'fp a'] },
  // The tokeniser turns "IT" (capitals, or before a role word) into "infotech", so the pronoun "it" never means a department.
  { canonical: 'it', phrases: ['infotech', 'information technology', 'sysadmin'] },
  { canonical: 'hr', phrases: ['hr', 'human resources', 'people team', 'talent acquisition', 'recruiting', 'recruiter'] },
  { canonical: 'ops', phrases: ['operations', 'ops', 'revops', 'revenue operations', 'sales ops', 'marketing ops'] },

  // --- Company size. Numbers ("50-500 employees") are read separately; these are the words.
  { canonical: 'freelancer', phrases: ['freelancer', 'solopreneur', 'sole trader', 'sole proprietor', 'self employed', 'one person company', 'one man show'] },
  { canonical: 'micro-business', phrases: ['micro business', 'microbusiness', 'micro company', 'micro companies', 'very small business', 'tiny company'] },
  {
    canonical: 'smb',
    phrases: ['smb', 'sme', 'small business', 'small company', 'small firm', 'small and medium business', 'small and medium sized business', 'small and midsize business', 'small to medium business', 'small organisation', 'small organization'],
  },
  {
    canonical: 'mid-market',
    phrases: ['mid market', 'midmarket', 'mid size', 'midsize', 'mid sized', 'medium sized', 'medium size', 'medium business', 'medium company', 'mittelstand'],
  },
  {
    canonical: 'enterprise',
    phrases: ['enterprise', 'large company', 'large companies', 'large enterprise', 'large organisation', 'large organization', 'large account', 'big company', 'big companies', 'big corporate', 'corporate', 'corporation', 'large corporate', 'fortune 500', 'fortune 1000', 'global 2000', 'konzern'],
  },

  // --- Industries.
  {
    canonical: 'software',
    phrases: ['saas', 'software', 'software company', 'software vendor', 'b2b saas', 'b2b software', 'tech company', 'technology company', 'tech', 'isv', 'cloud software'],
  },
  {
    canonical: 'healthcare',
    phrases: ['healthcare', 'health care', 'health', 'hospital', 'clinic', 'medical', 'pharma', 'pharmaceutical', 'biotech', 'life science', 'life sciences', 'medtech'],
  },
  {
    canonical: 'financial-services',
    phrases: ['banking', 'bank', 'financial services', 'financial service', 'financial institution', 'fintech', 'insurance', 'insurer', 'finance industry', 'finance sector', 'asset management', 'wealth management'],
  },
  {
    canonical: 'retail',
    phrases: ['retail', 'retailer', 'e commerce', 'ecommerce', 'ecom', 'online shop', 'online store', 'webshop', 'web shop', 'online retail', 'd2c', 'dtc', 'direct to consumer', 'consumer brand'],
  },
  { canonical: 'manufacturing', phrases: ['manufacturing', 'manufacturer', 'industrial', 'industrials', 'factory', 'automotive', 'machinery'] },
  {
    canonical: 'education',
    phrases: ['education', 'edtech', 'university', 'school', 'college', 'higher education', 'higher ed', 'academia', 'academic'],
  },
  {
    canonical: 'government',
    phrases: ['government', 'public sector', 'public administration', 'public authority', 'municipality', 'federal agency', 'ministry', 'gov'],
  },
  { canonical: 'agency', phrases: ['agency', 'marketing agency', 'digital agency', 'ad agency', 'advertising agency', 'creative agency'] },
  { canonical: 'consulting', phrases: ['consulting', 'consultancy', 'consultant', 'professional services', 'advisory'] },
  { canonical: 'nonprofit', phrases: ['non profit', 'nonprofit', 'not for profit', 'ngo', 'charity'] },
  { canonical: 'logistics', phrases: ['logistics', 'logistic', 'transport', 'shipping', 'supply chain', 'freight'] },
  { canonical: 'telecom', phrases: ['telecom', 'telecommunications', 'telco'] },
  { canonical: 'media', phrases: ['media', 'publishing', 'publisher'] },
  { canonical: 'real-estate', phrases: ['real estate', 'property', 'proptech'] },

  // --- Regions and countries. "EU", "Europe" and "EMEA" are one region for lead purposes.
  { canonical: 'emea', phrases: ['emea', 'europe', 'european', 'eu', 'european union', 'e u'] },
  { canonical: 'dach', phrases: ['dach', 'd a ch', 'german speaking', 'german speaking countries'] },
  { canonical: 'germany', phrases: ['germany', 'german', 'deutschland'] },
  { canonical: 'austria', phrases: ['austria', 'austrian', 'osterreich'] },
  { canonical: 'switzerland', phrases: ['switzerland', 'swiss', 'schweiz'] },
  { canonical: 'uk', phrases: ['uk', 'u k', 'united kingdom', 'great britain', 'britain', 'british', 'england', 'scotland'] },
  { canonical: 'ireland', phrases: ['ireland', 'irish'] },
  { canonical: 'france', phrases: ['france', 'french'] },
  // Each country is its own word (a draft names the countries a note names, no more); matcher.ts knows which region holds it.
  { canonical: 'benelux', phrases: ['benelux'] },
  { canonical: 'netherlands', phrases: ['netherlands', 'dutch', 'holland'] },
  { canonical: 'belgium', phrases: ['belgium', 'belgian'] },
  { canonical: 'luxembourg', phrases: ['luxembourg'] },
  { canonical: 'nordics', phrases: ['nordics', 'nordic', 'scandinavia', 'scandinavian'] },
  { canonical: 'sweden', phrases: ['sweden', 'swedish'] },
  { canonical: 'norway', phrases: ['norway', 'norwegian'] },
  { canonical: 'denmark', phrases: ['denmark', 'danish'] },
  { canonical: 'finland', phrases: ['finland', 'finnish'] },
  { canonical: 'iceland', phrases: ['iceland', 'icelandic'] },
  { canonical: 'southern-europe', phrases: ['southern europe', 'south europe'] },
  { canonical: 'spain', phrases: ['spain', 'spanish'] },
  { canonical: 'italy', phrases: ['italy', 'italian'] },
  { canonical: 'portugal', phrases: ['portugal', 'portuguese'] },
  { canonical: 'poland', phrases: ['poland', 'polish'] },
  { canonical: 'middle-east-africa', phrases: ['middle east', 'africa', 'mena'] },
  { canonical: 'uae', phrases: ['uae', 'united arab emirates', 'dubai'] },
  { canonical: 'saudi-arabia', phrases: ['saudi arabia'] },
  { canonical: 'israel', phrases: ['israel', 'israeli'] },
  { canonical: 'south-africa', phrases: ['south africa'] },
  // "US" written in capitals becomes "usa" in the tokeniser, so the pronoun "us" never means a region.
  { canonical: 'north-america', phrases: ['north america', 'north american'] },
  { canonical: 'usa', phrases: ['usa', 'u s', 'u s a', 'united states', 'america', 'american'] },
  { canonical: 'canada', phrases: ['canada', 'canadian'] },
  { canonical: 'latam', phrases: ['latam', 'latin america', 'south america'] },
  { canonical: 'brazil', phrases: ['brazil', 'brazilian'] },
  { canonical: 'mexico', phrases: ['mexico', 'mexican'] },
  { canonical: 'argentina', phrases: ['argentina'] },
  { canonical: 'chile', phrases: ['chile'] },
  { canonical: 'colombia', phrases: ['colombia'] },
  {
    canonical: 'apac',
    phrases: ['apac', 'asia', 'asia pacific'],
  },
  { canonical: 'anz', phrases: ['anz'] },
  { canonical: 'australia', phrases: ['australia', 'australian'] },
  { canonical: 'new-zealand', phrases: ['new zealand'] },
  { canonical: 'japan', phrases: ['japan', 'japanese'] },
  { canonical: 'india', phrases: ['india'] },
  { canonical: 'singapore', phrases: ['singapore'] },
  { canonical: 'china', phrases: ['china', 'chinese'] },
  { canonical: 'south-korea', phrases: ['south korea', 'korea'] },

  // --- Budget and timeline.
  { canonical: 'budget', phrases: ['budget', 'has budget', 'budget approved', 'budget allocated', 'budget confirmed', 'budget available', 'funded', 'money set aside'] },
  { canonical: 'no-budget', phrases: ['cant afford', 'cannot afford', 'can not afford', 'unfunded', 'no money'] },
  { canonical: 'timeline', phrases: ['timeline', 'timeframe', 'time frame', 'buying timeline', 'project timeline', 'active project', 'urgent need', 'urgency'] },
  {
    canonical: 'no-timeline',
    phrases: ['just browsing', 'just looking', 'just researching', 'tire kicker', 'tyre kicker', 'someday', 'no project', 'not buying', 'no plan to buy', 'no plans to buy', 'window shopping'],
  },

  // --- Engagement: what the lead did. Canonicals follow the activity keys of the scoring model.
  {
    canonical: 'demo-request',
    phrases: ['demo', 'demo request', 'requested a demo', 'request a demo', 'requested demo', 'asked for a demo', 'ask for a demo', 'booked a demo', 'book a demo', 'demo call', 'demo booking', 'wants a demo', 'want a demo', 'product demo', 'sales call request'],
  },
  {
    canonical: 'pricing-view',
    phrases: ['pricing', 'pricing page', 'visited pricing', 'visited the pricing page', 'viewed pricing', 'looked at pricing', 'price page', 'price list', 'asked for a quote', 'quote request', 'requested a quote'],
  },
  {
    canonical: 'trial-start',
    phrases: ['trial', 'free trial', 'started a trial', 'trial signup', 'trial sign up', 'signed up for a trial', 'signed up for trial', 'trial user'],
  },
  {
    canonical: 'content-download',
    phrases: ['download', 'content download', 'whitepaper', 'white paper', 'ebook', 'e book', 'case study', 'gated content', 'report download', 'checklist'],
  },
  { canonical: 'webinar', phrases: ['webinar', 'webinar attendee', 'attended a webinar', 'online event', 'live session'] },
  { canonical: 'event', phrases: ['event', 'trade show', 'tradeshow', 'conference', 'booth visit', 'trade fair', 'meetup'] },
  { canonical: 'email-click', phrases: ['email click', 'clicked an email', 'clicked email', 'clicked our email', 'newsletter click', 'newsletter', 'opened email', 'email open', 'mailing click'] },
  { canonical: 'form-fill', phrases: ['form fill', 'filled a form', 'filled out a form', 'filled in a form', 'contact form', 'contact us form', 'inbound form', 'contact request', 'form submission'] },
  { canonical: 'web-visit', phrases: ['website visit', 'visited website', 'visited our website', 'site visit', 'web visit', 'returning visitor', 'page view'] },

  // --- Email addresses.
  {
    canonical: 'free-email',
    phrases: ['free email', 'free mail', 'freemail', 'free mailer', 'free email address', 'gmail', 'googlemail', 'hotmail', 'yahoo', 'outlook com', 'gmx', 'web de', 'icloud', 'aol', 'private email', 'personal email', 'private address', 'webmail', 'private mail'],
  },
  {
    canonical: 'business-email',
    phrases: ['business email', 'work email', 'company email', 'corporate email', 'professional email', 'company domain', 'corporate domain', 'business address', 'work address', 'business domain'],
  },

  // --- Words without an attribute that still often mean the same thing.
  { canonical: 'competitor', phrases: ['competitor', 'competition', 'competing vendor', 'rival'] },
  { canonical: 'existing-customer', phrases: ['existing customer', 'current customer', 'already a customer', 'existing client', 'current client', 'customer already', 'install base', 'installed base'] },
  { canonical: 'job-seeker', phrases: ['job seeker', 'job applicant', 'applicant', 'looking for a job', 'looking for work', 'job hunter', 'candidate', 'applying for a job'] },
  { canonical: 'vendor-pitch', phrases: ['vendor', 'vendors pitching', 'selling to us', 'trying to sell us', 'sales pitch', 'cold pitch', 'supplier'] },
  { canonical: 'fake-data', phrases: ['fake', 'fake data', 'fake name', 'bot', 'spam', 'junk', 'test submission', 'gibberish', 'mickey mouse'] },
  { canonical: 'partner', phrases: ['partner', 'reseller', 'referral partner', 'channel partner'] },
  { canonical: 'pain', phrases: ['pain', 'pain point', 'problem', 'challenge', 'struggle'] },
  // "Tech-savvy" describes a person, not a software company.
  { canonical: 'tech-savvy', phrases: ['tech savvy', 'techsavvy', 'tech affine'] },
  { canonical: 'interest', phrases: ['interest', 'interested', 'curious', 'engaged'] },
  { canonical: 'reply', phrases: ['reply', 'responds', 'responded', 'response', 'answers', 'called back'] },
]
