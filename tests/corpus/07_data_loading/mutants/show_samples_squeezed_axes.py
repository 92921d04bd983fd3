# mistake: plt.subplots(1, B) returns a single Axes when B is 1, which cannot be indexed
# targets: test_show_samples
# %% show_samples
def show_samples(images, labels, classes, mean, std):
    m, s = torch.tensor(mean).view(3, 1, 1), torch.tensor(std).view(3, 1, 1)
    fig, axes = plt.subplots(1, len(images))
    for k in range(len(images)):
        axes[k].imshow((images[k] * s + m).permute(1, 2, 0).numpy())
        axes[k].set_title(classes[labels[k]])
    return fig
