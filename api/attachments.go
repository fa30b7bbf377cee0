package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"incubator/service"
	"incubator/service/filetype"
)

// attachmentsPath lists and uploads an entry's materials. Its POST is a
// streamed upload with its own body limit (see bodyLimit).
const attachmentsPath = "/api/v1/entries/:id/attachments"

// registerAttachmentRoutes registers material uploads and downloads.
func (s *Server) registerAttachmentRoutes(g *gin.RouterGroup) {
	const tag = "attachments"
	s.handle(g, route{Method: "GET", Path: attachmentsPath, Tag: tag,
		Summary:  "List every version of an entry's materials (newest first per kind) and the current one of each kind",
		Response: service.AttachmentList{}}, s.listAttachments)
	s.handle(g, route{Method: "POST", Path: attachmentsPath, Tag: tag,
		Summary: "Upload a material as multipart/form-data: a kind field (business_plan | deck | video) before the file part; " +
			"business plan PDF, deck PDF or PPTX, video MP4; 413 over the kind's limit. Each upload adds a version.",
		Response: service.AttachmentView{}, Status: http.StatusCreated}, s.uploadAttachment)
	s.handle(g, route{Method: "GET", Path: "/api/v1/attachments/:id/download", Tag: tag,
		Summary: "Download an attachment (as a file; Range requests supported)"}, s.downloadAttachment)
}

func (s *Server) listAttachments(c *gin.Context) {
	id, err := pathID(c, "id")
	if err == nil {
		var l service.AttachmentList
		if l, err = s.svc.Attachments.List(c.Request.Context(), actor(c), id); err == nil {
			c.JSON(http.StatusOK, l)
			return
		}
	}
	writeError(c, err)
}

// uploadAttachment caps the body at the largest upload (bodyLimit leaves
// this route to it) and hands the multipart stream to the service.
func (s *Server) uploadAttachment(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		writeError(c, err)
		return
	}
	limit := s.svc.Attachments.MaxRequestBytes()
	if c.Request.ContentLength > limit {
		writeError(c, bodyTooLarge(limit))
		return
	}
	if c.Request.Body != nil {
		c.Request.Body = uploadBody{http.MaxBytesReader(c.Writer, c.Request.Body, limit)}
	}
	view, err := s.svc.Attachments.Upload(c.Request.Context(), actor(c), id, c.Request.MultipartReader)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, view)
}

// uploadBody reports a body over its limit as payload_too_large.
type uploadBody struct{ io.ReadCloser }

func (b uploadBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = bodyTooLarge(mbe.Limit)
	}
	return n, err
}

func (s *Server) downloadAttachment(c *gin.Context) {
	id, err := pathID(c, "id")
	var d service.Download
	if err == nil {
		d, err = s.svc.Attachments.Open(c.Request.Context(), actor(c), id)
	}
	if err != nil {
		writeError(c, err)
		return
	}
	defer d.Content.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", contentDisposition(d.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(c.Writer, c.Request, "", d.ModTime, d.Content)
}

// contentDisposition makes an attachment header with an ASCII filename
// for old clients and, for other names, the UTF-8 filename* (RFC 6266);
// mime.FormatMediaType quotes and percent-encodes.
func contentDisposition(name string) string {
	ascii := filetype.ASCIIName(name)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii})
	if v == "" {
		return "attachment"
	}
	if ascii != name {
		if ext := mime.FormatMediaType("attachment", map[string]string{"filename": name}); ext != "" {
			v += strings.TrimPrefix(ext, "attachment")
		}
	}
	return v
}
