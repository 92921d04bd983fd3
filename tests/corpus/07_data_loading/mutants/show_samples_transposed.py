# mistake: transpose(0, 2) gives (W, H, C): every image shown transposed
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    m, s = torch.tensor(mean).view(3, 1, 1), torch.tensor(std).view(3, 1, 1)
    fig, axes = plt.subplots(1, len(images), squeeze=False)
    for ax, image, label in zip(axes.flat, images, labels):
        ax.imshow((image * s + m).transpose(0, 2).numpy())
        ax.set_title(classes[label])
    return fig
