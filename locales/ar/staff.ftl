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
