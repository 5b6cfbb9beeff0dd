# ይፋዊ የፍትሐዊነት ሰሌዳ፣ /equity (issue 19)፦ ለሁሉም ክፍት፣ በሁሉም ቋንቋዎች።

equity-footer-link = እርዳታው ምን ያህል ፍትሐዊ ነው?
equity-title = እርዳታው ምን ያህል ፍትሐዊ ነው?
equity-intro = ከ{ $from } እስከ { $to } የቀረቡ የእርዳታ ጥያቄዎች እና ውጤታቸው፦ ስንት እንደነበሩ፣ ነዋሪዎች ለመጀመሪያ ግንኙነት ምን ያህል እንደጠበቁ፣ እና ስንቶቹ በቤታቸው ከኢንተርኔት ጋር እንደተገናኙ።
equity-suppression = ግላዊነትን ለመጠበቅ፣ ከ{ $min } ያነሱ ነዋሪዎች ላይ የተመሠረተ ቁጥር አይታይም፤ እሱን ለማስላት የሚያስችል ቁጥርም አይታይም።
equity-download-csv = እነዚህን ቁጥሮች ያውርዱ (CSV)
equity-predicts-heading = ማንነት አሁንም ውጤቱን ይተነብያል?
equity-predicts-intro = ፍትሐዊነት ማለት ማንነትዎ የሚያገኙትን እርዳታ አይተነብይም ማለት ነው። ለዘር ወይም ብሔር፣ ለቋንቋ እና ለሰፈር፣ አንዳንድ ቡድኖች ለመጀመሪያ ግንኙነት በአጋጣሚ ከሚገለጸው በላይ ረዘም ብለው እንደጠበቁ ወይም በቤት ውስጥ ያነሰ እንደተገናኙ እንመረምራለን።
equity-identity-race = ዘር ወይም ብሔር
equity-identity-race-lower = ዘር ወይም ብሔር
equity-identity-language = ቋንቋ
equity-identity-language-lower = ቋንቋ
equity-identity-area = ሰፈር
equity-identity-area-lower = ሰፈር
equity-finding-waiting-yes = { $identity } አሁንም መጠበቅን ይተነብያል፦ በቡድን { $high } ካሉ ነዋሪዎች { $high_share } ለመጀመሪያ ግንኙነት ከ{ $wait } በላይ ጠብቀዋል፤ በቡድን { $low } ደግሞ { $low_share }፣ ማለትም { $ratio } እጥፍ (95% የመተማመን ክልል፦ { $ci_low } እስከ { $ci_high }፤ በሁሉም ቡድኖች መካከል ያለው ልዩነት ከአጋጣሚ ይበልጣል፣ { $p })።
equity-finding-waiting-no = { $identity_lower } መጠበቅን እንደሚተነብይ ምንም ምልክት የለም፦ በቡድኖች መካከል ያሉት ልዩነቶች አጋጣሚ ሊሰጠው በሚችል ውስጥ ናቸው ({ $p })። በጣም የተራራቁት፦ በቡድን { $high } ካሉ ነዋሪዎች { $high_share } ከ{ $wait } በላይ ጠብቀዋል፤ በቡድን { $low } ደግሞ { $low_share } (ጥምርታ { $ratio }፣ 95% የመተማመን ክልል፦ { $ci_low } እስከ { $ci_high })።
equity-finding-waiting-too-few = { $identity_lower } መጠበቅን ይተነብይ እንደሆነ ለማወቅ ገና በቂ ነዋሪዎች የሉም፦ ለማነጻጸር በቂ የሆኑ ቡድኖች ከሁለት ያነሱ ናቸው።
equity-finding-connected-yes = { $identity } አሁንም መገናኘትን ይተነብያል፦ በቡድን { $high } ካሉ ነዋሪዎች { $high_share } በቤታቸው ተገናኝተዋል፤ በቡድን { $low } ደግሞ { $low_share }፣ ማለትም { $ratio } እጥፍ (95% የመተማመን ክልል፦ { $ci_low } እስከ { $ci_high }፤ በሁሉም ቡድኖች መካከል ያለው ልዩነት ከአጋጣሚ ይበልጣል፣ { $p })።
equity-finding-connected-no = { $identity_lower } መገናኘትን እንደሚተነብይ ምንም ምልክት የለም፦ በቡድኖች መካከል ያሉት ልዩነቶች አጋጣሚ ሊሰጠው በሚችል ውስጥ ናቸው ({ $p })። በጣም የተራራቁት፦ በቡድን { $high } ካሉ ነዋሪዎች { $high_share } በቤታቸው ተገናኝተዋል፤ በቡድን { $low } ደግሞ { $low_share } (ጥምርታ { $ratio }፣ 95% የመተማመን ክልል፦ { $ci_low } እስከ { $ci_high })።
equity-finding-connected-too-few = { $identity_lower } መገናኘትን ይተነብይ እንደሆነ ለማወቅ ገና በቂ ነዋሪዎች የሉም፦ ለማነጻጸር በቂ የሆኑ ቡድኖች ከሁለት ያነሱ ናቸው።
equity-p-equals = p = { $p }
equity-p-below = p < { $p }
equity-days = { $n ->
    [one] { $n } ቀን
   *[other] { $n } ቀናት
}
equity-hours = { $n ->
    [one] { $n } ሰዓት
   *[other] { $n } ሰዓታት
}
equity-method-heading = እንዴት እንደሰላነው
equity-method-groups = የምናነጻጽረው ከቁጥሩ በስተጀርባ ቢያንስ { $min } ነዋሪዎች ያሏቸውን ቡድኖች ብቻ ነው፤ ሰንጠረዦቹ የሚያሳዩት ቡድኖችም እነዚሁ ናቸው። ለዘር ወይም ብሔር፣ ብቻውን የተመረጠ እያንዳንዱ መልስ አንድ ቡድን ነው፤ ከአንድ በላይ መልስ የመረጡት ደግሞ አንድ ተጨማሪ ቡድን ናቸው፤ ስለዚህ ማንም ሁለት ጊዜ አይቆጠርም። ያልመለሱ ነዋሪዎች እና ሰፈር ያልተመደበላቸው ጥያቄዎች አይካተቱም።
equity-method-waiting = መጠበቅ፦ የሁሉንም የተነጻጸሩ ነዋሪዎች የመጠበቂያ ጊዜ ወደ ግማሽና ግማሽ በቅርበት የሚከፍለውን ጊዜ (ለምሳሌ 2 ቀናት) እናገኛለን፤ ከዚያ በላይ የጠበቁትን የእያንዳንዱን ቡድን ድርሻ እናነጻጽራለን። ቡድኖች ከአጋጣሚ በላይ ይለያዩ እንደሆነ ለማየት፣ በተመዘገበው የመጠበቂያ ጊዜ ላይ (ከአንድ ሰዓት እስከ አንድ ሳምንት በደረጃዎች) የክሩስካል-ዋሊስ ምርመራ እንጠቀማለን፤ ይህም አንዳንድ ቡድኖች ከሌሎች ረዘም ብለው የመጠበቅ ዝንባሌ እንዳላቸው ይጠይቃል።
equity-method-connected = መገናኘት፦ ከተፈቱት ጥያቄዎች ውስጥ ነዋሪው በቤቱ ከኢንተርኔት ጋር የተገናኘበት ድርሻ። ቡድኖች ከአጋጣሚ በላይ ይለያዩ እንደሆነ ለማየት፣ በተገናኙትና ባልተገናኙት ቁጥሮች ላይ የካይ-ስኩዌር የነጻነት ምርመራ እንጠቀማለን።
equity-method-ratio = ጥምርታው በጣም የተራራቁትን ሁለት ቡድኖች ያነጻጽራል፦ በአንዱ ቡድን ውስጥ ከሌላው ስንት እጥፍ እንደሆነ። 95% የመተማመን ክልል (የካትዝ ዘዴ) እውነተኛው ጥምርታ በብዛት የሚገኝበት ክልል ነው፤ 1ን ከያዘ፣ እነዚያ ሁለት ቡድኖች በእርግጥ ላይለያዩ ይችላሉ። እነዚህ ሁለት ቡድኖች የተመረጡት በጣም ስለተራራቁ ስለሆነ፣ ዓረፍተ ነገሩን የሚወስነው በሁሉም ቡድኖች ላይ ያለው ምርመራ ነው እንጂ ክልሉ አይደለም።
equity-method-chance = ማንነት አሁንም ውጤትን ይተነብያል የምንለው የታዩትን ያህል ትልቅ ልዩነቶች በአጋጣሚ ከ100 ውስጥ ከ5 ጊዜ ባነሰ ሲከሰቱ ነው (p ከ0.05 በታች)። "ምንም ምልክት የለም" ማለት ቡድኖች እኩል ይገለገላሉ ማለት አይደለም፦ ትናንሽ ቡድኖች ቁጥሮቹ ገና ሊያሳዩ የማይችሉትን ልዩነቶች ሊደብቁ ይችላሉ።
equity-method-data = እዚህ ያለው ሁሉ የሚቆጠረው በየ28 ቀናት ከሚቀመጡ ድምሮች ነው፤ ከአንድ ነዋሪ የግል መዝገብ በፍጹም አይደለም፤ ከእሱም ማንንም መለየት አይቻልም።
equity-year-heading = ያለፉት 12 ወራት፦
equity-quarters-heading = በሩብ ዓመት
equity-period = ከ{ $from } እስከ { $to }
equity-quarter-cell-note = እያንዳንዱ ክፍል ጥያቄዎቹን፣ እስከ መጀመሪያ ግንኙነት ያሉትን መካከለኛ ቀናት እና በቤት የተገናኙትን ድርሻ ያሳያል።
equity-quarter-cell = { $requests } · { $median } · { $connected }
equity-by-area = በሰፈር
equity-by-language = በቋንቋ
equity-by-race = በዘር ወይም ብሔር
equity-by-channel = ነዋሪዎች እርዳታ በጠየቁበት መንገድ
equity-col-area = ሰፈር
equity-col-language = ቋንቋ
equity-col-race = ዘር ወይም ብሔር
equity-col-channel = የጠየቁበት መንገድ
equity-col-requests = ጥያቄዎች
equity-col-median = እስከ መጀመሪያ ግንኙነት መካከለኛ ቀናት
equity-col-p90 = እስከ መጀመሪያ ግንኙነት ቀናት፣ ከ10 ውስጥ 9 በዚህ ውስጥ
equity-col-connected = በቤት የተገናኙ
equity-everyone = ሁሉም
equity-suppressed = ከ{ $min } ያነሱ
equity-no-figure = —
equity-no-area = ሰፈር ያልተመደበለት
equity-race-unanswered = ያልመለሱ
equity-race-multiple = ከአንድ በላይ መልስ
equity-race-prefer-not = መናገር ያልፈለጉ
equity-race-note = ከአንድ በላይ መልስ የመረጠ ነዋሪ በመረጠው በእያንዳንዱ ቡድን ይቆጠራል።
equity-channel-web = የድር ቅጽ
equity-channel-phone = የስልክ ጥሪ
equity-channel-walk_in = በአካል መምጣት
equity-channel-sms = የጽሑፍ መልእክት
equity-gap = ረጅሙ መካከለኛ መጠበቂያ፦ { $longest }፣ { $high } ቀናት፤ አጭሩ፦ { $shortest }፣ { $low } ቀናት።
equity-map-title = እስከ መጀመሪያ ግንኙነት መካከለኛ ቀናት፣ በሰፈር
equity-map-area = { $area }፦ { $figure }
equity-legend-up-to = እስከ { $value }
equity-legend-range = ከ{ $from } እስከ { $to }
equity-legend-none = ቁጥር የለም (በጣም ጥቂት ነዋሪዎች፣ ወይም ምንም)
