## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Ethiopic text is always sent as UCS-2, so every message here must stay at most 134
## characters with $code = 8, $url = 35, $program = 30 and $phone = 12 characters.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = የዴንቨር ዲጂታል አጋዦች፦ ጥያቄዎ ደርሶናል። ኮድዎ { $code } ነው። እዚህ ይመልከቱ፦ { $url } መልእክት ለማቆም አቁም ወይም STOP ብለው ይመልሱ።
sms-still-waiting = የዴንቨር ዲጂታል አጋዦች፦ ጥያቄዎን { $code } አልረሳነውም። አጋዥ በቅርቡ ያገኝዎታል።
sms-did-you-apply = ለ{ $program } አመልክተዋል? አዎ ከሆነ 1፣ አይ ከሆነ 2፣ እርዳታ ከፈለጉ 3 ብለው ይመልሱ።
sms-still-connected = የቤትዎ ኢንተርኔት አሁንም ይሠራል? አዎ (YES) ወይም አይ (NO) ብለው ይመልሱ።
sms-satisfaction = ባገኙት እርዳታ ምን ያህል ረክተዋል? ከ1 (አልረካሁም) እስከ 5 (በጣም ረክቻለሁ) ባለው ቁጥር ይመልሱ።
sms-opted-out = የዴንቨር ዲጂታል አጋዦች፦ ከአሁን በኋላ መልእክት አንልክልዎትም። እንደገና ለማግኘት ጀምር ወይም START ብለው ይመልሱ።
sms-opted-in = የዴንቨር ዲጂታል አጋዦች፦ እንደገና መልእክት እንልክልዎታለን። ለማቆም አቁም ወይም STOP ብለው ይመልሱ።
sms-help = የዴንቨር ዲጂታል አጋዦች፦ ለኢንተርኔት እና ለኮምፒውተር ነፃ እርዳታ። ወደ { $phone } ይደውሉ። መልእክት ለማቆም አቁም ወይም STOP ብለው ይመልሱ።
sms-reply-received = እናመሰግናለን። አጋዥዎ መልእክትዎን ያየዋል።
sms-template-call-back = Denver Digital Navigators: ስለ ጥያቄዎ { $code } ልንደውልልዎ ሞክረን ነበር። እባክዎ በ { $phone } ይደውሉልን።
sms-template-documents = Denver Digital Navigators: ለጥያቄ { $code } ፎቶ ያለው መታወቂያ እና ገቢዎን ወይም ድጋፍዎን (እንደ SNAP) የሚያሳይ ደብዳቤ ይዘው ይምጡ።

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## Ethiopic spellings as typed on a phone, then common Latin transliterations.
sms-keywords-stop = አቁም, አቁሙ, ኣቁም, ይቁም, አቋርጥ, ይበቃል, AKUM, AQUM
sms-keywords-start = ጀምር, ጀምሩ, አዎ, JEMIR, JEMER
sms-keywords-help = እርዳታ, ርዳታ, እርዱኝ, መረጃ, ERDATA, IRDATA
sms-keywords-yes = አዎ, አዎን, ኣዎ, እሺ, AWO, AWON, ESHI
sms-keywords-no = አይ, አይደለም, የለም, ኣይ, AYDELEM, YELEM
