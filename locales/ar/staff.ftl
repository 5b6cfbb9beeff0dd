## Staff pages: required in English and Spanish only. Here, a draft of some messages; every
## message missing from this file shows in English.

## The programs a household may qualify for, each referred in one step
case-programs-title = برامج قد تكون هذه الأسرة مؤهلة لها
case-programs-intro = كل البرامج النشطة، مقارنةً بما أخبرنا به المقيم: المؤهل أولًا، ثم قد يكون مؤهلًا، ثم غير المؤهل. الأسباب مكتوبة كما يقرؤها المقيم في صفحة التأكيد.
case-programs-none = لا توجد برامج نشطة بعد.
case-programs-eligible = مؤهل
case-programs-may-qualify = قد يكون مؤهلًا
case-programs-not-eligible = غير مؤهل
case-programs-refer = إحالة
case-programs-refer-label = إحالة إلى { $program }
case-programs-refer-note = ملاحظة للإحالة إلى { $program } (اختياري)
case-programs-referred = تمت الإحالة في هذه الحالة: { $status }

## A case whose resident's personal data was removed
case-erased = أُزيلت البيانات الشخصية في { $date }.

## The way a request came in, and callers waiting for a call back
channel-web = نموذج الويب
channel-phone = مكالمة هاتفية
channel-walk_in = حضور شخصي
channel-sms = رسالة نصية
case-channel = وصل عبر
case-call-back = معاودة الاتصال: هذا المتصل ينتظر أن يتصل به أحد المرشدين.
cases-call-back = معاودة الاتصال
cases-filter-channel = وصل عبر
reports-by-channel = حسب طريقة طلب المساعدة
reports-col-channel = وصل عبر
audit-action-view_call_back = رأى الرقم لمعاودة الاتصال

## A voice message left on the phone line
case-event-voice-message = رسالة صوتية من المتصل ({ $seconds } ث)
case-event-voice-message-listen = استمع إلى الرسالة الصوتية

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = مكان التواصل
case-contact-place-choose = اختر مكانًا
case-contact-place-phone = مكالمة هاتفية
case-contact-place-text = رسائل نصية
case-contact-place-email = بريد إلكتروني
case-contact-place-video = مكالمة فيديو
case-contact-place-home_visit = زيارة منزلية
case-contact-place-in_person = شخصيًا
case-contact-place-at = في { $site }
case-contact-place-minutes = { $place }، { $minutes } دقيقة
case-contact-minutes-label = الدقائق المستغرقة
case-contact-minutes-hint = عدد صحيح من 1 إلى { $max }. تبلغ البرامج الجهات الممولة بهذه الدقائق.
case-contact-error-place = اختر مكان التواصل
case-contact-error-site = هذا الموقع لم يعد مفتوحًا: اختر مكانًا آخر
case-contact-error-minutes = أدخل الدقائق المستغرقة عددًا صحيحًا من 1 إلى 480
reports-minutes-title = الوقت المخصص للمقيمين
reports-minutes-intro = دقائق التواصل المسجل مع هؤلاء المقيمين. التواصل المسجل قبل طلب الدقائق ليس له دقائق: الدقائق لكل مقيم تحسب فقط المقيمين الذين لكل تواصل معهم دقائق.
reports-served = مقيمون سُجّل معهم تواصل
reports-minutes = دقائق التواصل
reports-minutes-per = الدقائق لكل مقيم تمت خدمته
reports-untimed = مقيمون لهم تواصل مجهول المدة
reports-minutes-by-need = الدقائق حسب الحاجة
reports-minutes-by-language = الدقائق حسب اللغة
reports-minutes-by-area = الدقائق حسب المنطقة
reports-col-need = الحاجة
reports-col-served = مقيمون تمت خدمتهم
reports-col-minutes = الدقائق
reports-col-minutes-per = الدقائق لكل مقيم
reports-col-untimed = مدة مجهولة

## Reports: appointments
reports-appointments-title = المواعيد
reports-appointments-intro = المواعيد في هذه الأيام، وكم انتظر السكان الذين طلبوا المساعدة في هذه الفترة موعدهم الأول. لا تُحسب المواعيد الملغاة ضمن المحجوزة.
reports-col-booked = محجوزة
reports-col-attended = حضر
reports-col-no-show = لم يحضر
reports-col-cancelled = ملغاة
reports-col-attended-share = الحضور من بين المواعيد المسجلة
reports-col-site = الموقع
reports-days-to-appointment = وسيط الأيام من الطلب حتى أول موعد
reports-days-to-appointment-p90 = الأيام من الطلب حتى أول موعد، المئين التسعون
reports-appointments-csv = تنزيل المواعيد (CSV)
reports-appointments-by-site = المواعيد حسب الموقع
reports-appointments-by-language = المواعيد حسب اللغة
reports-appointments-by-area = المواعيد حسب المنطقة

## The programs page: where the open data is
programs-open-data = البيانات المفتوحة: تُنشر البرامج النشطة لخدمة 211 والأدلة الأخرى كواجهة برمجة تطبيقات Open Referral HSDS 3.0 على
