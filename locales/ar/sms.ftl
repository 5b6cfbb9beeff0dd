## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = مرشدو دنفر الرقميون: وصلنا طلبك. رمزك { $code }. لمتابعته: { $url }. لإيقاف الرسائل يرجى إرسال توقف.
sms-still-waiting = مرشدو دنفر الرقميون: لم ننسَ طلبك { $code }. سيتواصل معك مرشد رقمي قريبًا.
sms-did-you-apply = هل قدّمت طلبًا إلى { $program }؟ يرجى إرسال 1 نعم، 2 لا، 3 أحتاج مساعدة.
sms-still-connected = هل ما زال الإنترنت في منزلك يعمل؟ يرجى إرسال نعم أو لا.
sms-satisfaction = ما مدى رضاك عن المساعدة التي حصلت عليها؟ يرجى إرسال رقم من 1 (غير مرضية) إلى 5 (مرضية جدًا).
sms-opted-out = مرشدو دنفر الرقميون: لن تصلك رسائل منا بعد الآن. لاستقبالها من جديد يرجى إرسال ابدأ.
sms-opted-in = مرشدو دنفر الرقميون: ستصلك رسائلنا من جديد. لإيقافها يرجى إرسال توقف.
sms-help = مرشدو دنفر الرقميون: مساعدة مجانية في الإنترنت والأجهزة. للاتصال بنا: { $phone }. لإيقاف الرسائل يرجى إرسال توقف.
sms-reply-received = شكرًا لك. سيرى مرشدك رسالتك.
sms-template-call-back = Denver Digital Navigators: حاولنا الاتصال بك بخصوص طلبك { $code }. يُرجى الاتصال بنا على { $phone }.
sms-template-documents = Denver Digital Navigators: للطلب { $code }، يُرجى إحضار هوية بصورة ورسالة تبيّن دخلك أو إعاناتك (مثل SNAP).

## طلب المساعدة برسالة نصية: سؤال واحد في كل رسالة.
sms-intake-menu = مرشدو دنفر الرقميون. للإيقاف أرسل توقف. لغتك؟ { $menu }
sms-intake-menu-again = يرجى إرسال رقم لغتك: { $menu }
sms-intake-hello = مرشدو دنفر الرقميون: مساعدة مجانية في الإنترنت والأجهزة. للإيقاف أرسل توقف، وللرجوع أرسل رجوع. ما اسمك؟
sms-intake-name-again = يرجى كتابة اسمك بالحروف. ما اسمك؟
sms-intake-name-long = هذا طويل جدا على اسم. يرجى كتابة اسم أقصر.
sms-intake-needs = بماذا تحتاج المساعدة؟ أرسل رقما أو أكثر: 1 إنترنت في المنزل، 2 جهاز، 3 مساعدة في استخدام التكنولوجيا
sms-intake-needs-again = يرجى إرسال أرقام من القائمة مثل 1 أو 1 3: 1 إنترنت في المنزل، 2 جهاز، 3 مساعدة في التكنولوجيا
sms-intake-place = أين تسكن؟ أرسل الرمز البريدي أو اسم حيك.
sms-intake-place-unknown = لم نجد هذا المكان. يرجى إرسال الرمز البريدي من 5 أرقام أو اسم حيك في دنفر.
sms-intake-place-outside = هذا الرمز البريدي خارج منطقتنا. إن كنت تسكن في دنفر، أرسل الرمز البريدي أو اسم حيك.
sms-intake-consent = سؤال أخير: هل نرسل لك رسائل عن طلبك؟ أرسل نعم أو لا.
sms-intake-consent-again = يرجى إرسال نعم أو لا: هل نرسل لك رسائل عن طلبك؟
sms-intake-done = شكرا. رمزك { $code }. سيتصل بك مرشد قريبا. تابع طلبك: { $url } أو اتصل { $phone }.
sms-intake-refused = عذرا، لا نستطيع قبول طلب نصي من هذا الرقم. يرجى الاتصال على { $phone }.
sms-intake-expired = لم يكتمل طلبك النصي فحذفناه. للبدء من جديد أرسل جديد.

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
sms-keywords-stop = توقف, وقف, ايقاف, إيقاف, الغاء, إلغاء, الغاء الاشتراك, إلغاء الاشتراك, انهاء, إنهاء, خروج
sms-keywords-start = ابدأ, ابدا, ابدء, بدء, بدأ, بدا, استئناف, اشتراك, نعم
sms-keywords-help = مساعدة, مساعده, ساعدني, معلومات, استفسار
sms-keywords-yes = نعم, ن, ايوه, ايوة, ايوا, اي, اجل, أجل, موافق
sms-keywords-no = لا, ل, كلا, لأ, لاء
sms-keywords-new = جديد, طلب جديد
sms-keywords-back = رجوع, ارجع
sms-keywords-restart = اعادة, إعادة, من جديد

## المواعيد (التذكير، الردود، الأوقات المعروضة بالأرقام).
sms-weekday = { $day ->
    [1] الاثنين
    [2] الثلاثاء
    [3] الأربعاء
    [4] الخميس
    [5] الجمعة
    [6] السبت
   *[7] الأحد
}
sms-appointment-date = %d/%m
sms-appointment-time = %H:%M
sms-appointment-when = { $weekday } { $date }، الساعة { $time }
sms-reminder-day-before = مرشدو دنفر الرقميون: موعدك غدًا، { $when }، في { $site }، { $address }. أرسل OK للتأكيد، أو تغيير لوقت آخر، أو لن أحضر للإلغاء.
sms-reminder-soon = مرشدو دنفر الرقميون: موعدك اليوم الساعة { $time } في { $site }، { $address }. أرسل OK للتأكيد، أو تغيير لوقت آخر، أو لن أحضر للإلغاء.
sms-appointment-confirmed = شكرًا، تم تأكيد موعدك يوم { $when }. نراك في { $site }.
sms-appointment-cancelled = تم إلغاء موعدك يوم { $when }. أرسل تغيير لتصلك أوقات أخرى.
sms-appointment-booked = تم حجز موعدك: { $when } في { $site }، { $address }. أرسل لن أحضر للإلغاء.
sms-slot-offer = مرشدو دنفر الرقميون: اختر وقتًا لموعدك. أرسل رقمه: { $slots }
sms-slot-offer-none = عذرًا، لا توجد أوقات متاحة في الأسبوعين القادمين. سيتواصل معك مرشد، أو اتصل على { $phone }.
sms-slot-not-offered = { $count ->
    [1] أرسل 1 لحجز الوقت الذي أرسلناه.
   *[other] أرسل رقمًا من 1 إلى { $count }: رقم أحد الأوقات التي أرسلناها.
}
sms-slot-expired = لم تعد هذه الأوقات محجوزة لك. أرسل تغيير لتصلك أوقات جديدة.
sms-slot-taken = عذرًا، حُجز هذا الوقت للتو. أوقات أخرى، أرسل رقمه: { $slots }
sms-no-show = مرشدو دنفر الرقميون: لم نرك اليوم، لا بأس! اختر وقتًا جديدًا وأرسل رقمه: { $slots }
sms-no-show-none = مرشدو دنفر الرقميون: لم نرك اليوم، لا بأس! سيتواصل معك مرشد لتحديد وقت جديد، أو اتصل على { $phone }.
sms-keywords-confirm = OK, تأكيد, تاكيد, أؤكد, اؤكد, مؤكد, سأحضر, ساحضر
sms-keywords-cancel-appointment = لن أحضر, لن احضر, لا أستطيع الحضور, لا استطيع الحضور, لن آتي, لن اتي
sms-keywords-another-time = تغيير, وقت آخر, وقت اخر, موعد آخر, موعد اخر
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = نعتذر، أُلغي موعد طلبك { $code } لأن مرشدك غير متاح. اختر موعدًا جديدًا: { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday } { $date }
sms-loan-device-hotspot = جهاز نقطة الاتصال بالإنترنت
sms-loan-device-laptop = الحاسوب المحمول
sms-loan-device-tablet = الجهاز اللوحي
sms-loan-device-chromebook = جهاز Chromebook
sms-loan-device-other = الجهاز
sms-loan-due-soon = مرشدو دنفر الرقميون: يرجى إعادة { $device } ({ $tag }) في موعد أقصاه { $date }. هل تحتاج وقتًا إضافيًا؟ أرسل تمديد.
sms-loan-overdue = مرشدو دنفر الرقميون: كان موعد إعادة { $device } ({ $tag }) يوم { $date }. يرجى إعادته، أو أرسل تمديد لتطلب من مرشدك وقتًا إضافيًا.
sms-loan-more-time = شكرًا. أخبرنا مرشدك أنك تحتاج وقتًا إضافيًا مع { $device }. سيتصل بك لتحديد موعد جديد.
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = تمديد, مهلة, وقت إضافي, وقت اضافي, أحتاج وقتا إضافيا, احتاج وقت اضافي
