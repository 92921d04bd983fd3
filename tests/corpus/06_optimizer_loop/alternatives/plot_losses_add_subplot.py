# why: plt.figure() and fig.add_subplot(), x from np.arange, labels through ax.set
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    import numpy as np

    fig = plt.figure()
    ax = fig.add_subplot()
    ax.plot(np.arange(1, len(train_losses) + 1), np.array(train_losses), "o-", label="train")
    if len(val_losses) > 0:
        ax.plot(np.arange(1, len(val_losses) + 1), np.array(val_losses), "s--", label="val")
    ax.set(title="loss", xlabel="epoch", ylabel="loss")
    ax.legend(loc="upper right")
    return fig
