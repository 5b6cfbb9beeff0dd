## Shared page frame
site-name = የዴንቨር ዲጂታል አጋዦች
skip-to-content = ወደ ዋናው ይዘት ይሂዱ
language-chooser = ቋንቋ
footer-privacy = መረጃዎን የምንጠቀመው እርስዎን ለመርዳት ብቻ ነው። በጭራሽ አንሸጠውም።
nav-check-status = የጥያቄን ሁኔታ ይመልከቱ
date-format = %d/%m/%Y

## Landing page
landing-title = ለኢንተርኔት፣ ለኮምፒውተር ወይም ለቴክኖሎጂ እርዳታ ያግኙ
landing-intro = ለዴንቨር ነዋሪዎች ነፃ እርዳታ። ዲጂታል አጋዥ በቋንቋዎ ይረዳዎታል።
landing-get-help = እርዳታ ይጠይቁ
landing-free = ነፃ ነው። አካውንት አያስፈልግዎትም። 3 ደቂቃ ያህል ይወስዳል።
landing-already-title = ቀደም ብለው እርዳታ ጠይቀዋል?
landing-check-status = ጥያቄዎን በመከታተያ ኮድዎ ይመልከቱ

## Needs
need-internet = የቤት ኢንተርኔት
need-internet-hint = በርካሽ ዋጋ የቤት ኢንተርኔት ወይም ቅናሽ ያግኙ።
need-device = ኮምፒውተር ወይም ታብሌት
need-device-hint = በነፃ ወይም በርካሽ ዋጋ ኮምፒውተር ወይም ታብሌት ያግኙ።
need-tech_support = ቴክኖሎጂን ለመጠቀም እርዳታ
need-tech_support-hint = ኢሜይል፣ የቪዲዮ ጥሪ፣ የኦንላይን ፎርሞችን እና በኢንተርኔት ላይ ራስዎን መጠበቅ ይማሩ።

## Request form
form-title = እርዳታ ይጠይቁ
form-intro = ስለ እርስዎ ትንሽ ይንገሩን። መመለስ ያለብዎት "የግድ" የሚል ምልክት ያላቸውን ጥያቄዎች ብቻ ነው።
form-required = (የግድ)
form-section-you = ስለ እርስዎ
form-name = ስምዎ
form-name-hint = እንድንጠራዎት የሚፈልጉት ስም።
form-language = ከእርስዎ ጋር የምንጠቀመው ቋንቋ
form-language-hint = በዚህ ቋንቋ እናናግርዎታለን፤ የጽሑፍ መልእክትም እንልክልዎታለን።
form-section-contact = እንዴት ልናገኝዎ እንችላለን?
form-contact-hint = ስልክ ቁጥር፣ የኢሜይል አድራሻ ወይም ሁለቱንም ይስጡን።
form-phone = ስልክ ቁጥር
form-phone-hint = ለምሳሌ፦ { $example_phone }
form-email = የኢሜይል አድራሻ
form-contact-method = በምን መንገድ እንድናገኝዎ ይፈልጋሉ?
contact-sms = የጽሑፍ መልእክት
contact-call = የስልክ ጥሪ
contact-email = ኢሜይል
form-sms-consent-legend = የጽሑፍ መልእክቶች
form-sms-consent = አዎ፣ ስለ ጥያቄዬ የጽሑፍ መልእክት ይላኩልኝ።
form-sms-consent-hint = የመልእክት እና የዳታ ክፍያ ሊኖር ይችላል። መልእክቶቹን ለማቆም በማንኛውም ጊዜ STOP ወይም አቁም ብለው ይመልሱ።
form-section-where = የት ነው የሚኖሩት?
form-where-hint = ሰፈርዎን ይምረጡ፣ ወይም ዚፕ ኮድዎን ወይም አድራሻዎን ይጻፉ። በአቅራቢያዎ ያለ እርዳታ ለማግኘት እንጠቀምበታለን።
form-area = ሰፈር
form-area-none = አላውቅም / ዝርዝሩ ውስጥ የለም
form-zip = ዚፕ ኮድ (ZIP code)
form-address = የመንገድ አድራሻ
form-address-hint = የግድ አይደለም። ለምሳሌ፦ { $example_address }
form-section-needs = በምን ጉዳይ እርዳታ ያስፈልግዎታል?
form-needs = የሚያስፈልግዎትን ሁሉ ይምረጡ
form-needs-hint = ቢያንስ አንዱን ይምረጡ።
form-details = ሌላ ማወቅ ያለብን ነገር አለ?
form-details-hint = የግድ አይደለም። እስከ 2,000 ፊደላት ድረስ።
form-section-household = ስለ ቤተሰብዎ
form-household-hint = የግድ አይደለም። እነዚህ መልሶች ለእርስዎ ነፃ ወይም ዋጋቸው ያነሰ ፕሮግራሞችን ለመፈለግ ይረዱናል።
form-household-size = በቤትዎ ውስጥ ስንት ሰዎች ይኖራሉ?
form-income = የቤተሰብ ወርሃዊ ገቢ፣ በዶላር
form-income-hint = ከግብር በፊት ያለው። ሙሉ ቁጥር ይጻፉ፤ ለምሳሌ፦ { $example_income }
form-benefits = በቤትዎ ያለ ሰው ከእነዚህ ውስጥ አንዱን ያገኛል?
form-benefits-hint = የሚመለከትዎትን ሁሉ ይምረጡ።
benefit-snap = SNAP (የምግብ ድጋፍ፣ food stamps)
benefit-medicaid = Medicaid (Health First Colorado)
benefit-wic = WIC
benefit-ssi = SSI
benefit-lifeline = Lifeline
benefit-public_housing = የመንግሥት መኖሪያ ቤት ወይም የቤት ኪራይ ቫውቸር
benefit-school_lunch = በነፃ ወይም በቅናሽ ዋጋ የሚሰጥ የትምህርት ቤት ምሳ
benefit-pell = Pell Grant (የኮሌጅ ትምህርት ድጎማ)
benefit-va = የቀድሞ ወታደሮች ጡረታ
form-age = ዕድሜዎ
age-under_18 = ከ18 ዓመት በታች
age-18_24 = ከ18 እስከ 24 ዓመት
age-25_44 = ከ25 እስከ 44 ዓመት
age-45_59 = ከ45 እስከ 59 ዓመት
age-60_64 = ከ60 እስከ 64 ዓመት
age-65_plus = 65 ዓመት ወይም ከዚያ በላይ
form-section-optional = የግድ ያልሆኑ ጥያቄዎች
form-accessibility = ከእነዚህ ውስጥ የሚያስፈልግዎት አለ?
access-interpreter = አስተርጓሚ
access-large_print = በትልቅ ፊደል የተጻፈ
access-hearing = ለመስማት ችግር የሚሆን እርዳታ
access-screen_reader = በስክሪን አንባቢ (screen reader) የሚነበቡ ሰነዶች
form-race = ዘርዎ ወይም ብሔረሰብዎ
form-race-hint = የግድ አይደለም። እርስዎን የሚገልጹትን ሁሉ ይምረጡ። ይህን የምንጠቀመው ሁሉም ሰው በእኩል እርዳታ ማግኘቱን ለማረጋገጥ ብቻ ነው። ከስምዎ ጋር በጭራሽ አናሳየውም።
race-american_indian = የአሜሪካ ሕንድ ወይም የአላስካ ተወላጅ
race-asian = እስያዊ
race-black = ጥቁር ወይም አፍሪካ-አሜሪካዊ
race-hispanic = ሂስፓኒክ ወይም ላቲኖ
race-middle_eastern = የመካከለኛው ምሥራቅ ወይም የሰሜን አፍሪካ ተወላጅ
race-pacific_islander = የሃዋይ ወይም የፓሲፊክ ደሴቶች ተወላጅ
race-white = ነጭ
race-other = ሌላ ዘር ወይም ብሔረሰብ
race-prefer_not_to_say = መናገር አልፈልግም
form-veteran = በአሜሪካ የጦር ኃይሎች ውስጥ አገልግለዋል (የቀድሞ ወታደር ነዎት)?
form-veteran-hint = የግድ አይደለም። የምንጠይቀው ይህን እርዳታ የሚደግፉ ፕሮግራሞች የቀድሞ ወታደሮች መድረሳቸውን ማወቅ ስለሚፈልጉ ነው። መልሶችን የምንቆጥረው በድምር ብቻ ነው፤ ከስምዎ ጋር በጭራሽ አናሳየውም።
form-disability = አካል ጉዳት አለብዎት?
form-disability-hint = የግድ አይደለም። የምንጠይቀው አካል ጉዳተኞች እርዳታ ማግኘታቸውን ለመቁጠርና ለማቀድ ነው። መልሶችን የምንቆጥረው በድምር ብቻ ነው፤ ከስምዎ ጋር በጭራሽ አናሳየውም።
answer-yes = አዎ
answer-no = አይ
answer-prefer_not = መናገር አልፈልግም
form-honeypot = ይህን ቦታ ባዶ ይተዉት
form-submit = ጥያቄዬን ላክ

## Errors in the form
error-title-prefix = ስህተት
error-summary-title = ችግር አለ
error-name-required = ስምዎን ይጻፉ።
error-name-too-long = ስምዎ ከ200 ፊደላት መብለጥ የለበትም።
error-language-invalid = ከዝርዝሩ ውስጥ ቋንቋ ይምረጡ።
error-phone-invalid = ባለ 10 ቁጥር ስልክ ቁጥር ይጻፉ፤ ለምሳሌ፦ { $example_phone }
error-phone-letters = ስልክ ቁጥር ቁጥሮችን፣ ክፍተቶችን፣ ሰረዝ (-) እና ቅንፍ ( ) ብቻ ሊይዝ ይችላል።
error-phone-needed = እንድንደውልልዎ ወይም የጽሑፍ መልእክት እንድንልክልዎ ስልክ ቁጥር ይጻፉ።
error-email-invalid = የኢሜይል አድራሻ ይጻፉ፤ ለምሳሌ፦ name@example.com
error-email-needed = ኢሜይል እንድንልክልዎ የኢሜይል አድራሻ ይጻፉ።
error-contact-required = እንድናገኝዎ ስልክ ቁጥር ወይም የኢሜይል አድራሻ ይጻፉ።
error-contact-method-invalid = በምን መንገድ እንድናገኝዎ እንደሚፈልጉ ይምረጡ።
error-sms-consent-required = የጽሑፍ መልእክት ለማግኘት "አዎ" የሚለውን ሳጥን ምልክት ያድርጉ።
error-area-invalid = ከዝርዝሩ ውስጥ ሰፈር ይምረጡ።
error-location-required = ሰፈርዎን ይምረጡ፣ ወይም ዚፕ ኮድዎን ወይም አድራሻዎን ይጻፉ።
error-zip-invalid = ባለ 5 ቁጥር ዚፕ ኮድ ይጻፉ፤ ለምሳሌ፦ { $example_zip }
error-address-too-long = አድራሻው ከ300 ፊደላት መብለጥ የለበትም።
error-needs-required = እርዳታ የሚፈልጉበትን ቢያንስ አንድ ነገር ይምረጡ።
error-needs-invalid = የሚያስፈልግዎትን ከዝርዝሩ ውስጥ ይምረጡ።
error-details-too-long = እባክዎ ከ2,000 ፊደላት ያልበለጠ ይጻፉ።
error-household-invalid = በቤትዎ ስንት ሰዎች እንደሚኖሩ ይጻፉ፤ ከ1 እስከ 20።
error-income-invalid = ወርሃዊ ገቢውን በዶላር፣ በሙሉ ቁጥር ይጻፉ፤ ለምሳሌ፦ { $example_income }
error-choice-invalid = ከዝርዝሩ ውስጥ ይምረጡ።
error-ref-invalid = ባለ 8 ፊደልና ቁጥር የመከታተያ ኮዱን ይጻፉ፤ ለምሳሌ፦ { $example_code }
error-last4-invalid = የስልክ ቁጥርዎን የመጨረሻ 4 ቁጥሮች ይጻፉ።

## Confirmation
confirm-title = ጥያቄዎ ደርሶናል
confirm-code-intro = የመከታተያ ኮድዎ፦
confirm-code-keep = ይህን ኮድ ይጻፉት ወይም ፎቶ ያንሱት። ጥያቄዎን ለመከታተል ያስፈልግዎታል።
confirm-next-title = ቀጥሎ ምን ይሆናል?
confirm-next-sms = ኮድዎን የያዘ የጽሑፍ መልእክት እንልክልዎታለን።
confirm-sms-stopped = ቀደም ሲል ወደዚህ ስልክ ቁጥር መልእክት መላክ እንድናቆም ጠይቀውናል፤ ስለዚህ መልእክት አንልክልዎትም። እንደገና መልእክት ለማግኘት ለማንኛውም መልእክታችን START ብለው ይመልሱ።
confirm-next-call = እንደውልልዎታለን።
confirm-next-email = ኢሜይል እንልክልዎታለን።
confirm-next-navigator = ዲጂታል አጋዥ ያገኝዎታል። ብዙውን ጊዜ በ2 የሥራ ቀናት ውስጥ።
confirm-next-status = ጥያቄዎን በማንኛውም ጊዜ በኮድዎ እና በስልክ ቁጥርዎ የመጨረሻ 4 ቁጥሮች መከታተል ይችላሉ።
confirm-asked-title = እርዳታ የጠየቁት ለሚከተሉት ነው፦
confirm-programs-title = ብቁ ሊሆኑባቸው የሚችሉ ፕሮግራሞች
confirm-programs-intro = አንድ ዲጂታል መሪ ለማመልከት ይረዳዎታል። እያንዳንዱ ፕሮግራም ለምን ሊስማማዎት እንደሚችል ይገልጻል።
confirm-programs-none = እስካሁን ለእርስዎ ፕሮግራም አላገኘንም። አንድ ዲጂታል መሪ ጥያቄዎን ከእርስዎ ጋር ይመለከታል።

## Status
status-title = ጥያቄዎን ይመልከቱ
status-intro = የመከታተያ ኮድዎን እና የሰጡንን ስልክ ቁጥር የመጨረሻ 4 ቁጥሮች ይጻፉ።
status-ref = የመከታተያ ኮድ
status-ref-hint = 8 ፊደላትና ቁጥሮች፤ ለምሳሌ፦ { $example_code }
status-last4 = የስልክ ቁጥርዎ የመጨረሻ 4 ቁጥሮች
status-last4-hint = ለምሳሌ ቁጥርዎ { $example_phone } ከሆነ { $example_last4 } ይጻፉ።
status-submit = ጥያቄዬን አሳየኝ
status-not-found-title = ያንን ጥያቄ ማግኘት አልቻልንም
status-not-found = ኮዱን እና የስልክ ቁጥርዎን የመጨረሻ 4 ቁጥሮች አረጋግጠው እንደገና ይሞክሩ። አሁንም ካላገኙት እንደገና እርዳታ ይጠይቁ።
status-result-title = ጥያቄዎ
status-submitted = የተላከበት ቀን
status-age = { $days ->
    [0] የላኩት ዛሬ ነው።
    [one] የላኩት ከ{ $days } ቀን በፊት ነው።
   *[other] የላኩት ከ{ $days } ቀናት በፊት ነው።
}
status-current = ሁኔታ
status-first-contact = የመጀመሪያ ግንኙነት
status-new-request = ለሌላ ነገር እርዳታ ይጠይቁ
status-new = ደርሶናል። አጋዥ እስኪመደብ እየጠበቀ ነው።
status-new-next = ዲጂታል አጋዥ በቅርቡ ያገኝዎታል።
status-assigned = ጥያቄዎ ለአጋዥ ተሰጥቷል።
status-assigned-next = አጋዥዎ በቅርቡ ያገኝዎታል።
status-in_progress = አጋዥዎ እየሠራበት ነው።
status-in_progress-next = አጋዥዎ ከእርስዎ ጋር መገናኘቱን ይቀጥላል።
status-waiting_on_resident = አጋዥዎ የእርስዎን መልስ እየጠበቀ ነው።
status-waiting_on_resident-next = እባክዎ የአጋዥዎን የመጨረሻ መልእክት ወይም ጥሪ ይመልሱ።
status-referred = ሊረዳዎ ወደሚችል ፕሮግራም ልከንዎታል።
status-referred-next = ፕሮግራሙ ያገኝዎታል። አጋዥዎ ለማመልከት ሊረዳዎ ይችላል።
status-resolved = ተጠናቋል። ኦንላይን እንዲገቡ ረድተንዎታል።
status-resolved-next = ተጨማሪ እርዳታ ከፈለጉ በማንኛውም ጊዜ እንደገና ይጠይቁ።
status-closed = ተዘግቷል።
status-closed-next = አሁንም እርዳታ ከፈለጉ በማንኛውም ጊዜ እንደገና ይጠይቁ።

## Error pages
error-go-home = ወደ ዋናው ገጽ ይሂዱ
error-request-id = ከደወሉልን ይህን ቁጥር ይንገሩን፦ { $id }
error-400-title = በዚህ ጥያቄ ላይ ችግር አለ
error-400-body = እባክዎ ወደ ኋላ ተመልሰው እንደገና ይሞክሩ።
error-404-title = ገጹ አልተገኘም
error-404-body = አድራሻውን ያረጋግጡ፣ ወይም ከዋናው ገጽ እንደገና ይጀምሩ።
error-413-title = የላኩት በጣም ብዙ ነው
error-413-body = እባክዎ መልሶችዎን አሳጥረው እንደገና ይሞክሩ።
error-429-title = በጣም ብዙ ሙከራዎች
error-429-body = እባክዎ ጥቂት ደቂቃዎች ይጠብቁ፣ ከዚያ እንደገና ይሞክሩ።
error-500-title = ይቅርታ፣ የሆነ ችግር ተፈጥሯል
error-500-body = ስህተቱ የእኛ ነው እንጂ የእርስዎ አይደለም። እባክዎ ከጥቂት ደቂቃዎች በኋላ እንደገና ይሞክሩ።

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = ብቁ ነዎት
eligibility-may-qualify = ብቁ ሊሆኑ ይችላሉ
eligibility-not-eligible = ብቁ አይደሉም
eligibility-because-benefit = { $benefit } ስለሚያገኙ
eligibility-because-income = የቤተሰብዎ ገቢ ከተወሰነው ገደብ ስለማይበልጥ
eligibility-open-to-all = ለሁሉም ክፍት ነው
eligibility-no-capacity = አሁን ቦታ የለም፤ አጋዥ በተጠባባቂ ዝርዝር ውስጥ ሊያስገባዎ ወይም ሌላ ፕሮግራም ሊያፈላልግልዎ ይችላል
eligibility-in-your-language = በቋንቋዎ ይሰጣል
eligibility-not-in-your-language = በቋንቋዎ አይሰጥም፤ አጋዥ አስተርጓሚ እንዲያገኙ ሊረዳዎ ይችላል
eligibility-income-too-high = የቤተሰብዎ ገቢ ከተወሰነው ገደብ በላይ ነው
eligibility-no-qualifying-benefit = የተወሰኑ ድጋፎችን ለሚያገኙ ቤተሰቦች ብቻ ነው
eligibility-too-young = ዕድሜያቸው { $min_age } እና ከዚያ በላይ ለሆኑ ሰዎች ብቻ ነው
eligibility-outside-area = በሚኖሩበት አካባቢ አይሰጥም
eligibility-closed = አሁን አዲስ ሰዎችን እየተቀበለ አይደለም
eligibility-income-unknown = በቤተሰብዎ ገቢ ይወሰናል፤ አጋዥ ከእርስዎ ጋር ያጣራዋል
eligibility-household-size-unknown = በቤትዎ ውስጥ በሚኖሩ ሰዎች ብዛት ይወሰናል፤ አጋዥ ከእርስዎ ጋር ያጣራዋል
eligibility-age-unknown = ዕድሜያቸው { $min_age } እና ከዚያ በላይ ለሆኑ ሰዎች ብቻ ነው
eligibility-area-unknown = በአንዳንድ ሰፈሮች ብቻ ይሰጣል፤ አጋዥ የእርስዎን ሰፈር ያጣራል

## ቀጠሮዎች (issue 17)
appt-title = ከዲጂታል አጋዥ ጋር በአካል ይገናኙ
appt-intro = በአቅራቢያዎ ባለ ቤተ መጻሕፍት ወይም የመዝናኛ ማዕከል ከዲጂታል አጋዥ ጋር ለመገናኘት ሰዓት መምረጥ ይችላሉ። ነፃ ነው።
appt-none = በሚቀጥሉት ሁለት ሳምንታት ክፍት ሰዓት የለም። ዲጂታል አጋዥ ሰዓት ለመወሰን ያገኝዎታል።
appt-choose = ሰዓት ይምረጡ
appt-submit = ይህን ሰዓት ይያዙ
appt-move-title = ሌላ ሰዓት ይምረጡ
appt-move-submit = ቀጠሮዬን ወደዚህ ሰዓት ቀይር
appt-booked-intro = ቀጠሮዎ ተይዟል፦
appt-booked-bring = እባክዎ የመከታተያ ኮድዎን ይዘው ይምጡ። መምጣት ካልቻሉ፣ እዚህ ይሰርዙ ወይም ሌላ ሰዓት ይምረጡ።
appt-accessibility = ተደራሽነት፦ { $notes }
appt-cancel = ቀጠሮዬን ሰርዝ
appt-taken-title = ይህ ሰዓት አሁን ተይዟል
appt-taken = ሌላ ሰው ይህን ሰዓት ከጥቂት ጊዜ በፊት ያዘው፣ ወይም ከአሁን በኋላ ክፍት አይደለም። እባክዎ ሌላ ሰዓት ይምረጡ።
appt-error-choose = ከዝርዝሩ አንድ ሰዓት ይምረጡ
appt-back = ወደ ጥያቄዎ ይመለሱ
appt-when = { $weekday }፣ { $date }፣ { $time }
appt-time-format = %H:%M
appt-weekday-1 = ሰኞ
appt-weekday-2 = ማክሰኞ
appt-weekday-3 = ረቡዕ
appt-weekday-4 = ሐሙስ
appt-weekday-5 = ዓርብ
appt-weekday-6 = ቅዳሜ
appt-weekday-7 = እሁድ
