## The phone line (src/voice/menu.rs). Spoken by a text-to-speech voice, or read aloud by a
## person for a recording (see "Phone line" in the README): write for the ear, in short sentences.
## $digit is the key to press.

voice-language-choice = Tiếng Việt, bấm số { $digit }.
# Keep in English: spoken by the English voice when nothing better is there.
voice-language-in-english = For Vietnamese, press { $digit }.
voice-needs = Để được giúp có internet tại nhà, bấm số 1. Để có máy tính hoặc máy tính bảng, bấm số 2. Để được giúp sử dụng điện thoại, máy tính hoặc internet, bấm số 3.
voice-not-on-menu = Xin lỗi, đó không phải là một lựa chọn.
voice-record = Cảm ơn quý vị. Một nhân viên hướng dẫn kỹ thuật số sẽ gọi lại cho quý vị theo số này. Sau tiếng bíp, quý vị có thể để lại lời nhắn gồm tên và điều chúng tôi có thể giúp. Khi xong, bấm phím thăng hoặc gác máy.
voice-goodbye = Cảm ơn quý vị đã gọi. Tạm biệt.
voice-no-choice = Chúng tôi chưa nhận được lựa chọn. Vui lòng gọi lại. Tạm biệt.
voice-no-number = Chúng tôi không thấy số điện thoại quý vị đang gọi, nên không thể gọi lại. Vui lòng gọi lại từ điện thoại có hiện số. Tạm biệt.
voice-call-unknown = Xin lỗi, chúng tôi không thể tiếp tục cuộc gọi này. Vui lòng gọi lại. Tạm biệt.
voice-call-failed = Xin lỗi, bên chúng tôi gặp sự cố. Vui lòng gọi lại sau vài phút. Tạm biệt.
