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
