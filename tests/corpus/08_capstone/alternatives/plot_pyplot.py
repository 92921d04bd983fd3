# why: plt.subplots, a list of epochs, the title set with fig-level pyplot objects, figure closed for pyplot
# %% plot_losses
import matplotlib.pyplot as plt


def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig, ax = plt.subplots(figsize=(6, 4))
    epochs = [i + 1 for i in range(len(train_losses))]
    ax.plot(epochs, val_losses, "s--", label="val")
    ax.plot(epochs, train_losses, "o-", label="train")
    ax.set(xlabel="epoch", ylabel="loss", title="train and validation loss")
    ax.legend(loc="upper right")
    plt.close(fig)
    return fig
