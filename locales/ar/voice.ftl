## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

voice-language-choice = للعربية، اضغط { $digit }.
# Keep in English: spoken by the English voice when nothing better is there.
voice-language-in-english = For Arabic, press { $digit }.
voice-needs = للمساعدة في الحصول على الإنترنت في المنزل، اضغط 1. للحصول على حاسوب أو جهاز لوحي، اضغط 2. للمساعدة في استخدام الهاتف أو الحاسوب أو الإنترنت، اضغط 3.
voice-not-on-menu = عذرًا، هذا ليس من الخيارات.
voice-record = شكرًا لك. سيتصل بك مرشد رقمي على هذا الرقم. بعد سماع النغمة، يمكنك ترك رسالة تذكر فيها اسمك وكيف يمكننا مساعدتك. عند الانتهاء، اضغط على مفتاح المربع أو أغلق الخط.
voice-goodbye = شكرًا لاتصالك. مع السلامة.
voice-no-choice = لم نتلقَّ اختيارًا. يرجى الاتصال مرة أخرى. مع السلامة.
voice-no-number = لا يمكننا رؤية الرقم الذي تتصل منه، لذا لا يمكننا معاودة الاتصال بك. يرجى الاتصال مرة أخرى من هاتف يُظهر رقمه. مع السلامة.
voice-call-unknown = عذرًا، لم نتمكن من متابعة هذه المكالمة. يرجى الاتصال مرة أخرى. مع السلامة.
voice-call-failed = عذرًا، حدث خطأ من جهتنا. يرجى الاتصال مرة أخرى بعد بضع دقائق. مع السلامة.
