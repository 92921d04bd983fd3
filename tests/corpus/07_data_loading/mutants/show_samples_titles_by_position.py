# mistake: titles the k-th image with classes[k] instead of the class of its label
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    m, s = torch.tensor(mean).view(3, 1, 1), torch.tensor(std).view(3, 1, 1)
    fig, axes = plt.subplots(1, len(images), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.imshow((images[k] * s + m).permute(1, 2, 0).numpy())
        ax.set_title(classes[k])
    return fig
