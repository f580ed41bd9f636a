/** Choosing a body's charset (issue 12, case 3): bytes, Content-Type, XML declaration, mislabels. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contentTypeCharset, decodeBody, xmlDeclaredEncoding } from '../../../src/net/charset.js';
import { createHttpClient } from '../../../src/net/http.js';
import { parseFeed } from '../../../src/sources/feed.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const cp1252 = (s: string) => Buffer.from(s.replace(/[“”€–…’]/g, (c) => String.fromCharCode({ '“': 0x93, '”': 0x94, '€': 0x80, '–': 0x96, '…': 0x85, '’': 0x92 }[c]!)), 'latin1');

describe('decodeBody', () => {
  it('reads the XML declaration: ISO-8859-1 bytes', () => {
    const bytes = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe, élève</t>');
    expect(decodeBody(bytes, 'application/rss+xml')).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe, élève</t>', charset: 'windows-1252', from: 'xml-declaration' });
  });

  it('reads the Content-Type: Windows-1252 bytes 0x80-0x9F as quotes, dashes and €', () => {
    const out = decodeBody(cp1252('<t>“quoted” – €5… it’s</t>'), 'text/xml; charset="windows-1252"');
    expect(out).toMatchObject({ text: '<t>“quoted” – €5… it’s</t>', from: 'content-type' });
  });

  it('an "ISO-8859-1" label means windows-1252, as in browsers', () => {
    expect(decodeBody(cp1252('“x”'), 'text/xml; charset=iso-8859-1').text).toBe('“x”');
  });

  it('strips a BOM and believes it', () => {
    expect(decodeBody(Buffer.from('\uFEFF<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>', 'utf8'))).toMatchObject({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>', from: 'bom' });
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>ü</t>', 'utf16le')])).text).toBe('<t>ü</t>');
    // UTF-16 without a BOM, recognised by its '<?' (XML 1.0 Appendix F).
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>ü</t>', 'utf16le'))).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-16"?><t>ü</t>', charset: 'utf-16le' });
  });

  it('UTF-16 with neither a BOM nor a declaration is told by its NULs (RFC 4627 §3), whatever the label says', () => {
    // A feed written as .NET's Encoding.Unicode without its preamble, starting <rss or a blank line.
    const doc = '<rss version="2.0"><channel><item><title>Café “q”</title></item></channel></rss>';
    expect(decodeBody(Buffer.from(doc, 'utf16le'))).toMatchObject({ text: doc, charset: 'utf-16le' });
    expect(decodeBody(Buffer.from(`\n${doc}`, 'utf16le'), 'text/xml; charset=utf-16le')).toMatchObject({ text: `\n${doc}`, charset: 'utf-16le' });
    expect(decodeBody(iconv.encode(doc, 'utf-16be'), 'text/xml; charset=utf-16')).toMatchObject({ text: doc, charset: 'utf-16be' });
    // A JSON Feed too, and a label that says UTF-8 is no reason to read NULs.
    expect(decodeBody(Buffer.from('{"version":"https://jsonfeed.org/version/1.1","title":"Ü"}', 'utf16le'), 'application/feed+json; charset=utf-8').text).toBe('{"version":"https://jsonfeed.org/version/1.1","title":"Ü"}');
  });

  it('UTF-32 with a BOM (XML 1.0 Appendix F), little- and big-endian, is not taken for UTF-16 or windows-1252', () => {
    const doc = '<rss version="2.0"><channel><item><title>Café “q” 𝛼</title></item></channel></rss>';
    for (const [bom, encoding] of [[[0xff, 0xfe, 0, 0], 'utf-32le'], [[0, 0, 0xfe, 0xff], 'utf-32be']] as const) {
      expect(decodeBody(Buffer.concat([Buffer.from(bom), iconv.encode(doc, encoding)])), encoding).toMatchObject({ text: doc, charset: encoding, from: 'bom' });
    }
  });

  it('bytes that are not UTF-8 under a UTF-8 label are not turned into U+FFFD', () => {
    expect(decodeBody(latin1('<t>Größe</t>'), 'application/xml; charset=utf-8')).toMatchObject({ text: '<t>Größe</t>', charset: 'windows-1252', from: 'fallback' });
    expect(decodeBody(latin1('<?xml version="1.0" encoding="iso-8859-15"?><t>Größe</t>'), 'text/xml; charset=UTF-8')).toMatchObject({ charset: 'iso-8859-15', from: 'xml-declaration' });
  });

  it('UTF-8 with a stray windows-1252 byte (a quote pasted from Word) keeps its UTF-8; a legacy text stays legacy', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it', 'utf8'), Buffer.from([0x92]), Buffer.from('s</t>')]);
    expect(decodeBody(bytes)).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it’s</t>', charset: 'utf-8' });
    expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8').text).toBe('<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it’s</t>');
    // German windows-1252 where "ß“" happens to be a valid UTF-8 pair: its other letters say what it is.
    expect(decodeBody(cp1252('<t>„Das ist groß“ – sagt der Bäcker, Grüße</t>'.replace('„', '\x84')))).toMatchObject({ text: '<t>„Das ist groß“ – sagt der Bäcker, Grüße</t>', charset: 'windows-1252' });
  });

  it('a server-wide ISO-8859-1 default over a document that declares and is UTF-8 stays UTF-8', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><t>Größe</t>', 'utf8');
    expect(decodeBody(bytes, 'text/xml; charset=ISO-8859-1')).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-8"?><t>Größe</t>', charset: 'utf-8' });
  });

  it('multi-byte UTF-8 under a declaration or header that names a legacy charset stays UTF-8, not "CafÃ©"', () => {
    // A template's encoding="ISO-8859-1" (or windows-1252) kept after the site's text became UTF-8.
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?><t>Café – “quotes” naïve</t>';
    expect(decodeBody(Buffer.from(text, 'utf8'))).toMatchObject({ text, charset: 'utf-8' });
    expect(decodeBody(Buffer.from('<t>Größe “x”</t>', 'utf8'), 'text/xml; charset=windows-1252')).toMatchObject({ text: '<t>Größe “x”</t>', charset: 'utf-8' });
    // Legacy bytes under the same labels are read with them.
    expect(decodeBody(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe</t>')).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe</t>');
    expect(decodeBody(cp1252('<t>“€”</t>'), 'text/xml; charset=windows-1252').text).toBe('<t>“€”</t>');
  });

  it('UTF-8 by default; unknown labels are ignored', () => {
    expect(decodeBody(Buffer.from('{"t":"ü"}'), 'application/json')).toEqual({ text: '{"t":"ü"}', charset: 'utf-8', from: 'default' });
    expect(decodeBody(Buffer.from('<t>ü</t>'), 'text/xml; charset=x-nonsense').text).toBe('<t>ü</t>');
  });

  it('parses labels', () => {
    expect(contentTypeCharset('text/xml;charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(contentTypeCharset('application/rss+xml')).toBeNull();
    expect(xmlDeclaredEncoding(Buffer.from("\n<?xml version='1.0' encoding='Windows-1252' ?>"))).toBe('Windows-1252');
    expect(xmlDeclaredEncoding(Buffer.from('<rss encoding="x">'))).toBeNull();
  });
});

/** A feed as a lab's site writes it, with no encoding in its XML declaration. */
const feed = (items: [string, string][]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Lab</title><link>https://lab.example.org/</link>${items.map(([t, d], i) => `<item><title>${t}</title><link>https://lab.example.org/p/${i + 1}</link><description>${d}</description></item>`).join('')}</channel></rss>`;

/** Two posts in each language, the way such labs write them, and the encodings their sites used before UTF-8. */
const CJK: { name: string; encoding: string; charset: string; items: [string, string][] }[] = [
  {
    name: 'Traditional Chinese in Big5',
    encoding: 'big5',
    charset: 'big5',
    items: [
      ['語音表徵的自監督學習', '本文提出一種基於自監督學習的語音表徵方法，在低資源語言的語音辨識上顯著降低錯誤率。'],
      ['大型語言模型的推理能力評估', '我們設計了一組新的基準測試，用來評估大型語言模型在數學與邏輯推理上的表現。'],
    ],
  },
  {
    name: 'Simplified Chinese in GBK',
    encoding: 'gbk',
    charset: 'gb18030',
    items: [
      ['语音表征的自监督学习', '本文提出一种基于自监督学习的语音表征方法，在低资源语言的语音识别上显著降低错误率。'],
      ['大型语言模型的推理能力评估', '我们设计了一组新的基准测试，用来评估大型语言模型在数学与逻辑推理上的表现。'],
    ],
  },
  {
    name: 'Simplified Chinese in GB18030',
    encoding: 'gb18030',
    charset: 'gb18030',
    items: [['多语种语音合成', '我们发布了一个覆盖三十种语言的开源语音合成模型，并公开全部训练数据与评测脚本。']],
  },
  {
    name: 'Korean in EUC-KR',
    encoding: 'euc-kr',
    charset: 'euc-kr',
    items: [
      ['자기 지도 학습 기반 음성 표현', '본 논문은 자기 지도 학습을 이용한 음성 표현 방법을 제안하며, 저자원 언어의 음성 인식 오류율을 크게 줄인다.'],
      ['대규모 언어 모델의 추론 능력 평가', '우리는 수학 및 논리 추론에서 대규모 언어 모델의 성능을 평가하기 위한 새로운 벤치마크를 설계하였다.'],
    ],
  },
  {
    name: 'Japanese in Shift_JIS',
    encoding: 'shift_jis',
    charset: 'shift_jis',
    items: [
      ['自己教師あり学習による音声表現', '本論文では自己教師あり学習に基づく音声表現手法を提案し、低資源言語の音声認識における誤り率を大幅に削減する。'],
      ['大規模言語モデルの推論能力の評価', '数学および論理的推論における大規模言語モデルの性能を評価するための新しいベンチマークを設計した。'],
    ],
  },
  {
    name: 'Japanese in EUC-JP',
    encoding: 'euc-jp',
    charset: 'euc-jp',
    items: [['音声合成の研究会のお知らせ', '次回の研究会では、多言語音声合成と話者適応について三件の発表を予定しています。ご参加をお待ちしております。']],
  },
];

describe('legacy East Asian encodings that no header or declaration names', () => {
  for (const { name, encoding, charset, items } of CJK) {
    it(`${name} is detected and read, not turned into mojibake`, () => {
      const text = feed(items);
      expect(decodeBody(iconv.encode(text, encoding), 'application/rss+xml')).toEqual({ text, charset, from: 'detected' });
    });
  }

  it('a UTF-8 label the bytes are not is no declaration to keep: Big5 under charset=utf-8 is detected too', () => {
    const text = feed(CJK[0]!.items);
    expect(decodeBody(iconv.encode(text, 'big5'), 'text/xml; charset=UTF-8')).toMatchObject({ text, charset: 'big5', from: 'detected' });
  });

  it('a declared charset stays authoritative: never replaced by a guess', () => {
    const text = feed(CJK[1]!.items);
    const gbk = iconv.encode(text, 'gbk');
    expect(decodeBody(gbk, 'application/rss+xml; charset=windows-1252')).toMatchObject({ charset: 'windows-1252', from: 'content-type' });
    const declared = iconv.encode(text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="GBK"?>'), 'gbk');
    expect(decodeBody(declared)).toMatchObject({ text: text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="GBK"?>'), charset: 'gbk', from: 'xml-declaration' });
  });

  it('valid UTF-8 stays UTF-8, and European windows-1252 stays windows-1252', () => {
    const text = feed(CJK[4]!.items);
    expect(decodeBody(Buffer.from(text, 'utf8'))).toEqual({ text, charset: 'utf-8', from: 'default' });
    const german = feed([['Über die Größe von Sprachmodellen', '„Größere Modelle“ – schreibt Jürgen Müller – „lösen schwierigere Aufgaben“; Maß, Fuß, Grüße, Bäcker, Käse, Öl, Tür, für, über, schön, müde.']]);
    expect(decodeBody(iconv.encode(german, 'windows-1252'))).toEqual({ text: german, charset: 'windows-1252', from: 'fallback' });
  });

  it('a title alone is too little to tell one encoding from another: read as before', () => {
    // Ten or fewer double-byte characters: ICU's recognisers are no surer of one than another.
    expect(decodeBody(iconv.encode(feed([['語音模型', '']]), 'big5')).from).toBe('fallback');
  });

  it('through the HTTP client, a GBK feed served with no charset gives its titles', async () => {
    const client = createHttpClient({
      timeoutMs: 1000,
      retries: 0,
      userAgent: 't',
      fetch: (async () => new Response(iconv.encode(feed(CJK[1]!.items), 'gbk'), { status: 200, headers: { 'content-type': 'application/rss+xml' } })) as unknown as typeof fetch,
    });
    const res = await client.getText('https://lab.example.org/feed');
    expect(parseFeed(res.text, res.url, res.contentType).map((p) => p.title)).toEqual(['语音表征的自监督学习', '大型语言模型的推理能力评估']);
  });
});

describe('the HTTP client decodes with the charset', () => {
  it('returns text decoded from the Content-Type, and the final address after redirects', async () => {
    const client = createHttpClient({
      timeoutMs: 1000,
      retries: 0,
      userAgent: 't',
      fetch: (async () => {
        const res = new Response(cp1252('<t>“€”</t>'), { status: 200, headers: { 'content-type': 'text/xml; charset=windows-1252' } });
        Object.defineProperty(res, 'url', { value: 'https://example.org/final.xml' });
        return res;
      }) as unknown as typeof fetch,
    });
    expect(await client.getText('https://example.org/feed')).toMatchObject({ text: '<t>“€”</t>', url: 'https://example.org/final.xml' });
  });
});

/** Two posts as a Russian lab's site writes them. */
const RUSSIAN: [string, string][] = [
  ['Самоконтролируемое обучение речевых представлений', 'В статье предложен метод самоконтролируемого обучения речевых представлений, который значительно снижает частоту ошибок распознавания для малоресурсных языков.'],
  ['Оценка способности больших языковых моделей к рассуждению', 'Мы разработали новый набор тестов для оценки математических и логических рассуждений больших языковых моделей.'],
];

describe('Cyrillic single-byte encodings that no header or declaration names', () => {
  for (const [encoding, charset] of [
    ['windows-1251', 'windows-1251'],
    // Read as KOI8-U, its superset for prose (see the next test).
    ['koi8-r', 'koi8-u'],
    ['iso-8859-5', 'iso-8859-5'],
  ] as const) {
    it(`Russian in ${encoding} is detected and read, not turned into mojibake`, () => {
      const text = feed(RUSSIAN);
      expect(decodeBody(iconv.encode(text, encoding), 'application/rss+xml')).toEqual({ text, charset, from: 'detected' });
    });
  }

  it('Ukrainian in KOI8-U keeps its і, ї and є, which KOI8-R has as box-drawing characters', () => {
    const text = feed([['Самокероване навчання мовленнєвих представлень', 'У статті запропоновано метод самокерованого навчання мовленнєвих представлень, який суттєво знижує частоту помилок розпізнавання для малоресурсних мов.']]);
    expect(decodeBody(iconv.encode(text, 'koi8-u'))).toEqual({ text, charset: 'koi8-u', from: 'detected' });
    expect(decodeBody(iconv.encode(text, 'windows-1251'))).toEqual({ text, charset: 'windows-1251', from: 'detected' });
  });

  it('Bulgarian in windows-1251, and a single short post', () => {
    const bulgarian = feed([['Самообучение на речеви представяния', 'В статията е предложен метод за самообучение на речеви представяния, който значително намалява честотата на грешките при разпознаване на езици с малко ресурси.']]);
    expect(decodeBody(iconv.encode(bulgarian, 'windows-1251'))).toEqual({ text: bulgarian, charset: 'windows-1251', from: 'detected' });
    // The markup's English-like n-grams outscore 37 letters of Russian when chardet sees them too.
    const short = feed([['Оценка языковых моделей', 'Новый набор тестов.']]);
    expect(decodeBody(iconv.encode(short, 'koi8-r'))).toEqual({ text: short, charset: 'koi8-u', from: 'detected' });
  });

  it('a title alone is too little to go on: read as before', () => {
    expect(decodeBody(iconv.encode(feed([['Речевые модели', '']]), 'windows-1251'))).toMatchObject({ charset: 'windows-1252', from: 'fallback' });
  });

  it('Latin-script text stays windows-1252: French, Latin-1 French, Spanish', () => {
    const french = feed([['Apprentissage auto-supervisé des représentations de la parole', 'Nous présentons une méthode d’apprentissage auto-supervisé qui réduit considérablement le taux d’erreur de la reconnaissance vocale pour les langues peu dotées. Les résultats obtenus à l’aide de données réelles démontrent que les modèles entraînés ainsi généralisent mieux, même lorsque très peu d’échantillons étiquetés sont disponibles. « Où était-ce ? » À côté, dit l’élève.']]);
    expect(decodeBody(iconv.encode(french, 'windows-1252'))).toEqual({ text: french, charset: 'windows-1252', from: 'fallback' });
    const latin1 = iconv.encode(french.replace(/[’]/g, "'"), 'latin1');
    expect(decodeBody(latin1)).toEqual({ text: french.replace(/[’]/g, "'"), charset: 'windows-1252', from: 'fallback' });
    const spanish = feed([['Aprendizaje autosupervisado de representaciones del habla', 'Presentamos un método de aprendizaje autosupervisado que reduce considerablemente la tasa de error del reconocimiento de voz en idiomas con pocos recursos. ¿Cómo? Mediante señales acústicas sin anotación; también publicamos código, más datos y la evaluación en español, catalán y portugués.']]);
    expect(decodeBody(iconv.encode(spanish, 'windows-1252'))).toEqual({ text: spanish, charset: 'windows-1252', from: 'fallback' });
  });

  it('Polish and Czech in windows-1250 are not taken for Cyrillic', () => {
    const polish = feed([['Samonadzorowane uczenie reprezentacji mowy', 'W artykule przedstawiono metodę samonadzorowanego uczenia reprezentacji mowy, która znacząco zmniejsza współczynnik błędów rozpoznawania dla języków o małych zasobach. Wartość, jakość, miłość, pięść, gęś, dążyć, wyjść, źdźbło.']]);
    // Czech "ří", "áž", "íš"... read as windows-1251 are lowercase Cyrillic pairs, enough of them
    // here to be 20 letters (and chardet's best guess): most of its accented letters are still alone.
    const czech = feed([['Samořízené učení', 'Různé případy: použití samořízeného učení řečových reprezentací výrazně snižuje chybovost rozpoznávání řeči. Říká se, že moří tři při dýchání; zkoušíš, vytvoříme, přířezy, hřížená, přířez. V článku představujeme metodu samořízeného učení řečových reprezentací, která výrazně snižuje chybovost rozpoznávání řeči pro jazyky s malým množstvím zdrojů.']]);
    for (const text of [polish, czech]) expect(decodeBody(iconv.encode(text, 'windows-1250')).charset).not.toMatch(/1251|koi8|8859-5/);
  });

  it('CJK bytes that read as Cyrillic letters, but with cases mixed mid-word, are not taken for Cyrillic', () => {
    // Hanja in EUC-KR: too few characters for the multi-byte detection, and chardet's best guess
    // for its bytes is ISO-8859-5, in which they are letters: "№њаёхкэЛЪјдНљЪуЇюмхоых".
    expect(decodeBody(iconv.encode(feed([['種基於自監督學習的語音', '']]), 'euc-kr')).charset).not.toBe('iso-8859-5');
  });

  it.each([
    ['windows-1251', 'application/rss+xml'],
    ['koi8-r', 'text/xml'],
  ])('through the HTTP client, a %s feed served as %s with no charset gives its titles', async (encoding, contentType) => {
    const client = createHttpClient({
      timeoutMs: 1000,
      retries: 0,
      userAgent: 't',
      fetch: (async () => new Response(iconv.encode(feed(RUSSIAN), encoding), { status: 200, headers: { 'content-type': contentType } })) as unknown as typeof fetch,
    });
    const res = await client.getText('https://lab.example.org/feed');
    expect(parseFeed(res.text, res.url, res.contentType).map((p) => p.title)).toEqual(RUSSIAN.map(([t]) => t));
  });
});

/** A Polish lab's posts and a Czech one's, as their sites wrote them before UTF-8. */
const POLISH: [string, string][] = [
  ['Świeże wyniki: rozpoznawanie mowy śląskiej', 'Przedstawiamy nowy zbiór nagrań gwary śląskiej i model, który osiąga średni błąd słów poniżej dziesięciu procent. Źródła danych, ścieżki uczenia i skrypty oceny udostępniamy społeczności naukowej.'],
  ['Źle rozpoznane zdania: analiza błędów', 'Większość pomyłek dotyczy krótkich wypowiedzi i nazw własnych. Ślady uczenia pokazują, że dłuższe konteksty pomagają; ważne są też dane z Podhala i Kaszub, a źródłowe nagrania są dostępne.'],
];
const CZECH: [string, string][] = [
  ['Šetrné učení řečových modelů', 'Představujeme nový korpus nahrávek a model rozpoznávání řeči, který dosahuje chybovosti pod deset procent. Šíře slovníku je velká a ťukání do klávesnice ani šum model nezmate.'],
  ['Ťuhýk, šváb a žluťoučký kůň', 'Štěpán zkoumá, jak se mění přesnost při šumu. Výsledky ukazují, že i vzácná slova jsou rozpoznána správně; zdrojový kód a vyhodnocení zveřejníme pro výzkum a výuku.'],
];
/** Bytes 0x80-0x9F: letters in windows-1250 (š, ś, ź, ť, Š, Ś, Ź, Ť), C1 controls in ISO-8859-2. */
const c1Bytes = (bytes: Uint8Array) => [...bytes].filter((b) => b >= 0x80 && b <= 0x9f);

describe('Central European single-byte encodings that no header or declaration names', () => {
  for (const [language, items, letters] of [
    ['Polish', POLISH, [0x8c, 0x8f, 0x9c, 0x9f]],
    ['Czech', CZECH, [0x8a, 0x8d, 0x9a, 0x9d, 0x9e]],
  ] as const) {
    it(`${language} in windows-1250, whose š, ś, ź, ť… are bytes 0x80-0x9F, is read as windows-1250, not as windows-1252 or ISO-8859-2`, () => {
      const text = feed([...items]);
      const bytes = iconv.encode(text, 'windows-1250');
      expect(new Set(c1Bytes(bytes))).toEqual(new Set(letters));
      expect(decodeBody(bytes, 'application/rss+xml')).toEqual({ text, charset: 'windows-1250', from: 'detected' });
    });

    it(`${language} in ISO-8859-2, with no byte in 0x80-0x9F, is read as ISO-8859-2, not as windows-1250 or windows-1252`, () => {
      const text = feed([...items]);
      const bytes = iconv.encode(text, 'iso-8859-2');
      expect(c1Bytes(bytes)).toEqual([]);
      expect(decodeBody(bytes, 'application/rss+xml')).toEqual({ text, charset: 'iso-8859-2', from: 'detected' });
    });
  }

  it('windows-1250 with no byte in 0x80-0x9F: Polish ą is 0xB9, which ISO-8859-2 reads as š', () => {
    const text = feed([
      ['Model działa też bez połączenia', 'Przedstawiamy nowy model rozpoznawania mowy wytrenowany na polskich danych. Wyniki są lepsze niż oczekiwano, również dla gwar góralskich i kaszubskich; kod i oceny udostępniamy wszystkim. Ważne: błąd słów maleje, gdy nagrania są długie.'],
      ['Nagrania z Podhala', 'Zbiór zawiera rozmowy, piosenki i bajki; każde nagranie ma transkrypcję i znaczniki czasu. Dziękujemy wszystkim, którzy pomogli przy zbieraniu danych.'],
    ]);
    const bytes = iconv.encode(text, 'windows-1250');
    expect(c1Bytes(bytes)).toEqual([]);
    expect(decodeBody(bytes)).toEqual({ text, charset: 'windows-1250', from: 'detected' });
  });

  it('the feed reads with its titles', () => {
    const { text } = decodeBody(iconv.encode(feed([...POLISH]), 'windows-1250'), 'application/rss+xml');
    expect(parseFeed(text, 'https://lab.example.org/feed', 'application/rss+xml').map((p) => p.title)).toEqual(POLISH.map(([t]) => t));
  });

  it('a title alone is too little to go on: read as before', () => {
    expect(decodeBody(iconv.encode(feed([['Świeże wyniki: rozpoznawanie mowy śląskiej', '']]), 'windows-1250'))).toMatchObject({ charset: 'windows-1252', from: 'fallback' });
  });

  it('Western European text stays windows-1252: German, Dutch, Finnish, Swedish, Portuguese', () => {
    for (const [title, text] of [
      ['Größere Sprachmodelle', 'Wir stellen ein neues Sprachmodell für die Spracherkennung vor. Die Ergebnisse übertreffen ältere Verfahren deutlich; größere Datensätze und längere Trainingsläufe führen zu besseren Wörterbüchern. Außerdem veröffentlichen wir den Quellcode.'],
      ['Één model', 'We presenteren een nieuw model voor spraakherkenning, getraind op Nederlandse gegevens. De resultaten zijn beter dan verwacht, ook voor dialecten. Één ding is zeker: de financiële steun was cruciaal, zegt de coördinator.'],
      ['Puheentunnistus', 'Esittelemme uuden puheentunnistusmallin, joka on koulutettu suomenkielisellä aineistolla. Tulokset ovat odotettua parempia myös murteilla; lähdekoodi ja arviointi julkaistaan yliopistolla Jyväskylässä ja Helsingissä.'],
      ['Taligenkänning', 'Vi presenterar en ny modell för taligenkänning som tränats på svenska data. Resultaten är bättre än väntat, även för regionala dialekter; både källkod och utvärdering publiceras på universitetet i Göteborg.'],
      ['Reconhecimento de fala', 'Apresentamos um modelo de reconhecimento de fala treinado com dados em português. Os resultados são melhores do que o esperado; a avaliação está disponível e o código será publicado em breve. Não há limitações de uso.'],
    ]) {
      const doc = feed([[title!, text!], [title!, text!.split(' ').reverse().join(' ')]]);
      expect(decodeBody(iconv.encode(doc, 'windows-1252')), title).toEqual({ text: doc, charset: 'windows-1252', from: 'fallback' });
    }
  });
});
