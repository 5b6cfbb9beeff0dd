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

## በጽሑፍ መልእክት እርዳታ መጠየቅ፦ በአንድ መልእክት አንድ ጥያቄ።
sms-intake-menu = የዴንቨር ዲጂታል አጋዦች። ለማቆም STOP። ቋንቋዎ? { $menu }
sms-intake-menu-again = የቋንቋዎን ቁጥር ይመልሱ፦ { $menu }
sms-intake-hello = የዴንቨር ዲጂታል አጋዦች፦ ለኢንተርኔት እና ለመሣሪያ ነፃ እርዳታ። ለማቆም STOP፣ ለመመለስ ተመለስ ይበሉ። ስምዎ ማን ነው?
sms-intake-name-again = እባክዎ ስምዎን በፊደል ይጻፉ። ስምዎ ማን ነው?
sms-intake-name-long = ለስም በጣም ረጅም ነው። እባክዎ አጭር ስም ይጻፉ።
sms-intake-needs = ምን እርዳታ ይፈልጋሉ? አንድ ወይም ከዚያ በላይ ቁጥር ይመልሱ፦ 1 የቤት ኢንተርኔት፣ 2 መሣሪያ፣ 3 ቴክኖሎጂ ለመጠቀም እርዳታ
sms-intake-needs-again = ከዝርዝሩ ቁጥር ይመልሱ (ለምሳሌ 1 ወይም 1 3)፦ 1 የቤት ኢንተርኔት፣ 2 መሣሪያ፣ 3 ቴክኖሎጂ ለመጠቀም እርዳታ
sms-intake-place = የት ይኖራሉ? ዚፕ ኮድዎን ወይም የሰፈርዎን ስም ይመልሱ።
sms-intake-place-unknown = ያንን ቦታ አላገኘነውም። ባለ 5 አሃዝ ዚፕ ኮድ ወይም በዴንቨር ያለ የሰፈርዎን ስም ይመልሱ።
sms-intake-place-outside = ያ ዚፕ ኮድ ከምናገለግለው አካባቢ ውጭ ነው። በዴንቨር የሚኖሩ ከሆነ ዚፕ ኮድ ወይም ሰፈር ይመልሱ።
sms-intake-consent = የመጨረሻ ጥያቄ፦ ስለ ጥያቄዎ መልእክት እንላክልዎ? አዎ ወይም አይ ይመልሱ።
sms-intake-consent-again = አዎ ወይም አይ ይመልሱ፦ ስለ ጥያቄዎ መልእክት እንላክልዎ?
sms-intake-done = እናመሰግናለን። ኮድዎ { $code }። አጋዥ በቅርቡ ያገኝዎታል። { $url } ይመልከቱ ወይም { $phone } ይደውሉ።
sms-intake-refused = ይቅርታ፣ ከዚህ ቁጥር በጽሑፍ ጥያቄ መቀበል አንችልም። እባክዎ ወደ { $phone } ይደውሉ።
sms-intake-expired = በጽሑፍ የጀመሩት ጥያቄ ስላልተጠናቀቀ ሰርዘነዋል። እንደገና ለመጀመር አዲስ ብለው ይላኩ።

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## Ethiopic spellings as typed on a phone, then common Latin transliterations.
sms-keywords-stop = አቁም, አቁሙ, ኣቁም, ይቁም, አቋርጥ, ይበቃል, AKUM, AQUM
sms-keywords-start = ጀምር, ጀምሩ, አዎ, JEMIR, JEMER
sms-keywords-help = እርዳታ, ርዳታ, እርዱኝ, መረጃ, ERDATA, IRDATA
sms-keywords-yes = አዎ, አዎን, ኣዎ, እሺ, AWO, AWON, ESHI
sms-keywords-no = አይ, አይደለም, የለም, ኣይ, AYDELEM, YELEM
sms-keywords-new = አዲስ, ADDIS, ADIS
sms-keywords-back = ተመለስ, TEMELES
sms-keywords-restart = እንደገና, ENDEGENA

## ቀጠሮዎች (ማስታወሻዎች፣ መልሶች፣ በቁጥር የሚቀርቡ ጊዜያት)።
sms-weekday = { $day ->
    [1] ሰኞ
    [2] ማክሰኞ
    [3] ረቡዕ
    [4] ሐሙስ
    [5] ዓርብ
    [6] ቅዳሜ
   *[7] እሑድ
}
sms-appointment-date = %d/%m
sms-appointment-time = %H:%M
sms-appointment-when = { $weekday } { $date }፣ { $time }
sms-reminder-day-before = የዴንቨር ዲጂታል አጋዦች፦ ነገ { $when } በ{ $site }፣ { $address } ቀጠሮ አለዎት። ለማረጋገጥ OK፣ ሌላ ጊዜ ለመምረጥ ቀይር፣ ለመሰረዝ አልመጣም ብለው ይመልሱ።
sms-reminder-soon = የዴንቨር ዲጂታል አጋዦች፦ ዛሬ { $time } በ{ $site }፣ { $address } ቀጠሮ አለዎት። ለማረጋገጥ OK፣ ሌላ ጊዜ ለመምረጥ ቀይር፣ ለመሰረዝ አልመጣም ብለው ይመልሱ።
sms-appointment-confirmed = እናመሰግናለን፣ የ{ $when } ቀጠሮዎ ተረጋግጧል። { $site } እንገናኝ።
sms-appointment-cancelled = የ{ $when } ቀጠሮዎ ተሰርዟል። አዲስ ጊዜ ለማግኘት ቀይር ብለው ይመልሱ።
sms-appointment-booked = ቀጠሮ ተይዞልዎታል፦ { $when }፣ { $site }፣ { $address }። ለመሰረዝ አልመጣም ብለው ይመልሱ።
sms-slot-offer = የዴንቨር ዲጂታል አጋዦች፦ ለቀጠሮዎ ጊዜ ይምረጡ። ቁጥሩን ይመልሱ፦ { $slots }
sms-slot-offer-none = ይቅርታ፣ በሚቀጥሉት ሁለት ሳምንታት ነፃ ጊዜ የለም። አጋዥ ያገኝዎታል፣ ወይም { $phone } ይደውሉ።
sms-slot-not-offered = { $count ->
    [1] የላክነውን ጊዜ ለመውሰድ 1 ብለው ይመልሱ።
   *[other] ከላክናቸው ጊዜያት የአንዱን ቁጥር ከ1 እስከ { $count } ይመልሱ።
}
sms-slot-expired = እነዚያ ጊዜያት ከእንግዲህ ለእርስዎ አልተያዙም። አዲስ ጊዜ ለማግኘት ቀይር ብለው ይመልሱ።
sms-slot-taken = ይቅርታ፣ ያ ጊዜ አሁን ተይዟል። ሌሎች ጊዜያት፣ ቁጥሩን ይመልሱ፦ { $slots }
sms-no-show = የዴንቨር ዲጂታል አጋዦች፦ ዛሬ አላገኘንዎትም፣ ችግር የለም! አዲስ ጊዜ ይምረጡ፣ ቁጥሩን ይመልሱ፦ { $slots }
sms-no-show-none = የዴንቨር ዲጂታል አጋዦች፦ ዛሬ አላገኘንዎትም፣ ችግር የለም! አዲስ ጊዜ ለማግኘት አጋዥ ያገኝዎታል፣ ወይም { $phone } ይደውሉ።
sms-keywords-confirm = OK, አረጋግጥ, አረጋግጣለሁ, እመጣለሁ, AREGAGT, EMETALEHU
sms-keywords-cancel-appointment = አልመጣም, አልመጣ, ALMETAM
sms-keywords-another-time = ቀይር, ቀይሩ, ሌላ ጊዜ, KEYIR, LELA GIZE
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = ይቅርታ፣ የጥያቄ { $code } ቀጠሮዎ ተሰርዟል፤ አጋዥዎ አይገኙም። አዲስ ሰዓት ይምረጡ፦ { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday } { $date }
sms-loan-device-hotspot = የኢንተርኔት ሆትስፖት
sms-loan-device-laptop = ላፕቶፕ
sms-loan-device-tablet = ታብሌት
sms-loan-device-chromebook = Chromebook
sms-loan-device-other = መሣሪያ
sms-loan-due-soon = የዴንቨር ዲጂታል አጋዦች፦ እባክዎ { $device } ({ $tag }) እስከ { $date } ድረስ ይመልሱ። ተጨማሪ ጊዜ ካስፈለገዎ ተጨማሪ ጊዜ ብለው ይመልሱ።
sms-loan-overdue = የዴንቨር ዲጂታል አጋዦች፦ { $device } ({ $tag }) በ{ $date } መመለስ ነበረበት። እባክዎ ይመልሱት፣ ወይም ከአጋዥዎ ተጨማሪ ጊዜ ለመጠየቅ ተጨማሪ ጊዜ ብለው ይመልሱ።
sms-loan-more-time = እናመሰግናለን። ከ{ $device } ጋር ተጨማሪ ጊዜ እንደሚያስፈልግዎ ለአጋዥዎ ነግረናል። ስለ አዲስ ቀን ያገኝዎታል።
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = ተጨማሪ ጊዜ, አራዝሙ, አራዝም, ይራዘም, TECHEMARI GIZE, ARAZIM
