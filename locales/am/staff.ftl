## Staff pages: required in English and Spanish only. Here, a draft of some messages; every
## message missing from this file shows in English.

## The programs a household may qualify for, each referred in one step
case-programs-title = ይህ ቤተሰብ ብቁ ሊሆንባቸው የሚችሉ ፕሮግራሞች
case-programs-intro = ሁሉም ንቁ ፕሮግራሞች፣ ነዋሪው ከነገረን ጋር ተነጻጽረው፦ መጀመሪያ ብቁ የሆኑት፣ ከዚያ ብቁ ሊሆኑ የሚችሉት፣ ከዚያ ብቁ ያልሆኑት። ምክንያቶቹ ነዋሪው በማረጋገጫ ገጹ ላይ በሚያነባቸው ቃላት ተጽፈዋል።
case-programs-none = እስካሁን ንቁ ፕሮግራም የለም።
case-programs-eligible = ብቁ ነው
case-programs-may-qualify = ብቁ ሊሆን ይችላል
case-programs-not-eligible = ብቁ አይደለም
case-programs-refer = አስተላልፍ
case-programs-refer-label = ወደ { $program } አስተላልፍ
case-programs-refer-note = ወደ { $program } ለሚደረገው ማስተላለፍ ማስታወሻ (አማራጭ)
case-programs-referred = በዚህ ጉዳይ ላይ አስቀድሞ ተላልፏል፦ { $status }

## A case whose resident's personal data was removed
case-erased = የግል መረጃው በ{ $date } ተሰርዟል።

## The way a request came in, and callers waiting for a call back
channel-web = የድር ቅጽ
channel-phone = የስልክ ጥሪ
channel-walk_in = በአካል
channel-sms = የጽሑፍ መልዕክት
case-channel = የመጣበት መንገድ
case-call-back = መልሰው ይደውሉ፦ ይህ ደዋይ አንድ አጋዥ እንዲደውልለት እየጠበቀ ነው።
cases-call-back = መልሰው ይደውሉ
cases-filter-channel = የመጣበት መንገድ
reports-by-channel = እርዳታ በጠየቁበት መንገድ
reports-col-channel = የመጣበት መንገድ
audit-action-view_call_back = መልሶ ለመደወል ቁጥሩን አየ

## A voice message left on the phone line
case-event-voice-message = ከደዋዩ የድምፅ መልእክት ({ $seconds } ሰ)
case-event-voice-message-listen = የድምፅ መልእክቱን ያዳምጡ

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = የት ተከናወነ
case-contact-place-choose = ቦታ ይምረጡ
case-contact-place-phone = የስልክ ጥሪ
case-contact-place-text = የጽሑፍ መልዕክቶች
case-contact-place-email = ኢሜይል
case-contact-place-video = የቪዲዮ ጥሪ
case-contact-place-home_visit = የቤት ጉብኝት
case-contact-place-in_person = በአካል
case-contact-place-at = በ{ $site }
case-contact-place-minutes = { $place }፣ { $minutes } ደቂቃ
case-contact-minutes-label = የወሰደው ደቂቃ
case-contact-minutes-hint = ከ1 እስከ { $max } ያለ ሙሉ ቁጥር። ፕሮግራሞች ይህን ለገንዘብ ሰጪዎቻቸው ያሳውቃሉ።
case-contact-error-place = ግንኙነቱ የት እንደተከናወነ ይምረጡ
case-contact-error-site = ያ ጣቢያ ከእንግዲህ ክፍት አይደለም፤ ሌላ ቦታ ይምረጡ
case-contact-error-minutes = የወሰደውን ደቂቃ ከ1 እስከ 480 ባለ ሙሉ ቁጥር ያስገቡ
reports-minutes-title = ከነዋሪዎች ጋር የጠፋ ጊዜ
reports-minutes-intro = ከእነዚህ ነዋሪዎች ጋር የተመዘገቡ ግንኙነቶች ደቂቃዎች። ደቂቃ ከመጠየቁ በፊት የተመዘገቡ ግንኙነቶች ደቂቃ የላቸውም፤ የአንድ ነዋሪ ደቂቃ የሚቆጥረው ሁሉም ግንኙነቶቻቸው ደቂቃ ያላቸውን ነዋሪዎች ብቻ ነው።
reports-served = ግንኙነት የተመዘገበላቸው ነዋሪዎች
reports-minutes = የግንኙነት ደቂቃዎች
reports-minutes-per = ለአንድ የተገለገለ ነዋሪ ደቂቃ
reports-untimed = ርዝመታቸው ያልታወቀ ግንኙነቶች ያሏቸው ነዋሪዎች
reports-minutes-by-need = ደቂቃዎች በፍላጎት
reports-minutes-by-language = ደቂቃዎች በቋንቋ
reports-minutes-by-area = ደቂቃዎች በአካባቢ
reports-col-need = ፍላጎት
reports-col-served = የተገለገሉ ነዋሪዎች
reports-col-minutes = ደቂቃዎች
reports-col-minutes-per = ደቂቃ ለአንድ ነዋሪ
reports-col-untimed = ርዝመቱ ያልታወቀ

## Reports: appointments
reports-appointments-title = ቀጠሮዎች
reports-appointments-intro = በእነዚህ ቀናት ያሉ ቀጠሮዎች፣ እና በዚህ ጊዜ እርዳታ የጠየቁ ነዋሪዎች ለመጀመሪያ ቀጠሯቸው ምን ያህል እንደጠበቁ። የተሰረዙ ቀጠሮዎች እንደተያዙ አይቆጠሩም።
reports-col-booked = የተያዙ
reports-col-attended = የተገኙ
reports-col-no-show = ያልተገኙ
reports-col-cancelled = የተሰረዙ
reports-col-attended-share = ከተመዘገቡት የተገኙ
reports-col-site = ቦታ
reports-days-to-appointment = ከጥያቄ እስከ መጀመሪያ ቀጠሮ ያሉ መካከለኛ ቀናት
reports-days-to-appointment-p90 = ከጥያቄ እስከ መጀመሪያ ቀጠሮ ያሉ ቀናት፣ 90ኛ ፐርሰንታይል
reports-appointments-csv = ቀጠሮዎቹን አውርድ (CSV)
reports-appointments-by-site = ቀጠሮዎች በቦታ
reports-appointments-by-language = ቀጠሮዎች በቋንቋ
reports-appointments-by-area = ቀጠሮዎች በአካባቢ

## The programs page: where the open data is
programs-open-data = ክፍት መረጃ፦ ንቁ ፕሮግራሞች ለ211 እና ለሌሎች ማውጫዎች እንደ Open Referral HSDS 3.0 API የሚታተሙት በ
