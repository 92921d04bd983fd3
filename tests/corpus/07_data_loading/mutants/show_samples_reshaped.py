# mistake: reshapes (3, H, W) into (H, W, 3), which scrambles the pixels
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    m, s = torch.tensor(mean).view(3, 1, 1), torch.tensor(std).view(3, 1, 1)
    fig, axes = plt.subplots(1, len(images), squeeze=False)
    for ax, image, label in zip(axes.flat, images, labels):
        h, w = image.shape[1:]
        ax.imshow((image * s + m).reshape(h, w, 3).numpy())
        ax.set_title(classes[label])
    return fig
