pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A clinician's review: their name and the date, on one page, or on every page at once after
// reading the review sheet (the whole content as patients will read it, to print or read here).
Dialog {
    id: dialog

    required property StudioActions actions
    property string pageId: ""  // "" signs every page
    property string problem: ""

    objectName: "signoffDialog"
    title: dialog.pageId === "" ? "Sign off every page" : "Sign off this page"
    modal: true
    width: 560
    standardButtons: Dialog.Cancel

    function openFor(page) {
        dialog.pageId = page
        dialog.problem = ""
        date.text = dialog.actions.today()
        read.checked = false
        dialog.open()
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right }
        spacing: 8
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: dialog.pageId === ""
                ? "Read the review sheet first: it holds every page as patients will see it."
                : "Your name and the date go on this page as its clinical review."
        }
        Button {
            objectName: "openReviewSheet"
            visible: dialog.pageId === ""
            text: "Open the review sheet"
            onClicked: {
                const url = dialog.actions.writeReviewSheet()
                if (url !== "")
                    Qt.openUrlExternally(url)
            }
        }
        CheckBox {
            id: read
            objectName: "signoffRead"
            visible: dialog.pageId === ""
            text: "I have read the review sheet"
        }
        Label { text: "Name and credentials" }
        TextField {
            id: name
            objectName: "signoffName"
            Layout.fillWidth: true
            selectByMouse: true
            placeholderText: "Such as Dana Reyes, PT, DPT"
        }
        Label { text: "Date of the review (year-month-day)" }
        TextField {
            id: date
            objectName: "signoffDate"
            Layout.fillWidth: true
            selectByMouse: true
        }
        Label {
            objectName: "signoffProblem"
            Layout.fillWidth: true
            visible: dialog.problem !== ""
            color: "#a4000f"
            wrapMode: Text.Wrap
            text: dialog.problem
        }
        Button {
            objectName: "signoffRecord"
            text: "Record the sign-off"
            highlighted: true
            enabled: dialog.pageId !== "" || read.checked
            onClicked: {
                dialog.problem = dialog.actions.signOff(dialog.pageId, name.text, date.text)
                if (dialog.problem === "")
                    dialog.close()
            }
        }
    }
}
